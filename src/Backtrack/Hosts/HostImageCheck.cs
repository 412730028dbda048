using System.Collections.Concurrent;
using Backtrack.Engine;

namespace Backtrack.Hosts;

/// <summary>One image a host's plan needs, asked of that host's engine.</summary>
public sealed record HostImageCheck(string Host, IImageQueries Images, string Image)
{
    // Each check is a round trip (over ssh for a remote host): a few at once, not one host × image at a time.
    private const int AtOnce = 8;

    /// <summary>Refuses, before anything changes, when a host lacks an image: the first missing in the order given.</summary>
    public static async Task RequireAllAsync(IReadOnlyList<HostImageCheck> checks, CancellationToken ct)
    {
        var missing = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, checks.Count), new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (index, token) =>
        {
            var check = checks[index];
            if (await check.Images.InspectImageAsync(check.Image, token).ConfigureAwait(false) is null)
            {
                missing.Add(index);
            }
        }).ConfigureAwait(false);
        if (!missing.IsEmpty)
        {
            var (host, _, image) = checks[missing.Min()];
            throw new BacktrackException(
                $"host {host} has no image {image}; load it there (docker pull, or docker save | ssh HOST docker load) and roll back again; nothing was changed");
        }
    }
}
