using Backtrack.Configuration;

namespace Backtrack.Snapshots.Offsite;

/// <summary>The two ways snapshots travel, as the commands call them: a copy to a destination, a fetch back from one.</summary>
public static class OffsiteSnapshots
{
    public static async Task<CopyResult> CopyAsync(
        EnvironmentConfig env, SnapshotManifest manifest, string destination, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var location = OffsiteLocation.Parse(destination, Environment.CurrentDirectory);
        await using var folder = await SftpConnector.OpenAsync(location, Keys(env), ct).ConfigureAwait(false);
        try
        {
            return await new SnapshotCopier(new SnapshotStore(env.Snapshots.Directory), progress).CopyAsync(manifest, folder, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException)
        {
            throw new BacktrackException($"copying snapshot {manifest.Id} to {location} failed: {e.Message}");
        }
    }

    /// <summary>
    /// <paramref name="source"/> names one snapshot (a folder holding manifest.json) or a destination, whose
    /// newest snapshot <paramref name="wanted"/> accepts is taken. Returns its ID in the local store, verified.
    /// </summary>
    public static async Task<string> FetchAsync(
        EnvironmentConfig env, string source, Func<SnapshotManifest, bool> wanted, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var location = OffsiteLocation.Parse(source, Environment.CurrentDirectory);
        var fetcher = new SnapshotFetcher(new SnapshotStore(env.Snapshots.Directory), progress);
        try
        {
            // One connection, to the parent: it answers whether the location is one snapshot or a destination of many.
            await using var parent = await SftpConnector.OpenAsync(location.Parent, Keys(env), ct).ConfigureAwait(false);
            if (await parent.SizeAsync($"{location.Name}/{SnapshotStore.ManifestFile}", ct).ConfigureAwait(false) is not null)
            {
                return (await fetcher.FetchAsync(parent, location.Name, wanted, location.Parent.ToString(), ct).ConfigureAwait(false)).Id;
            }

            await using var destination = parent.Below(location.Name);
            return (await fetcher.FetchAsync(destination, null, wanted, location.ToString(), ct).ConfigureAwait(false)).Id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException)
        {
            throw new BacktrackException($"fetching a snapshot from {location} failed: {e.Message}");
        }
    }

    private static SshKeys Keys(EnvironmentConfig env) => new(env.Snapshots.IdentityFile, env.Snapshots.KnownHosts);
}
