using Backtrack.Releases;

namespace Backtrack.Cleanup;

/// <summary>
/// Which images cleanup may remove. Never one in use by any container, of the newest release, or of the
/// last <c>keep</c> good releases (every service healthy), nor one any release ever recorded healthy.
/// Removable: images recorded only as unhealthy (failed releases), and, when untagged (dangling), other
/// images of older releases.
/// </summary>
public static class RetentionPolicy
{
    public static (IReadOnlySet<string> Protected, IReadOnlyList<RemovableImage> Removable) Choose(
        IReadOnlyList<Release> newestFirst, IReadOnlySet<string> inUse, int keep)
    {
        var kept = new HashSet<string>(inUse, StringComparer.Ordinal);
        kept.UnionWith(newestFirst.Take(1).SelectMany(r => r.Services).Select(s => s.ImageId));
        kept.UnionWith(newestFirst.Where(r => r.Services.All(s => s.Healthy)).Take(Math.Max(keep, 0)).SelectMany(r => r.Services).Select(s => s.ImageId));
        var everHealthy = newestFirst.SelectMany(r => r.Services).Where(s => s.Healthy).Select(s => s.ImageId).ToHashSet(StringComparer.Ordinal);

        var removable = new List<RemovableImage>();
        var seen = new HashSet<string>(kept, StringComparer.Ordinal);
        foreach (var release in newestFirst)
        {
            foreach (var service in release.Services.Where(s => seen.Add(s.ImageId)))
            {
                removable.Add(!service.Healthy && !everHealthy.Contains(service.ImageId)
                    ? new RemovableImage(service.ImageId, $"{service.Service} was unhealthy on it (failed release {release.Id})", false)
                    : new RemovableImage(service.ImageId, $"untagged {service.Service} image of release {release.Id}, older than the last {keep} good releases", true));
            }
        }

        return (kept, removable);
    }
}
