using System.Text.Json;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Snapshots;
using Backtrack.Volumes;
using Backtrack.Volumes.Files;
using Backtrack.Serialization;

namespace Backtrack.FullSystem;

/// <summary>
/// Takes every named volume of the project into a snapshot being written. A volume whose mountpoint this
/// process can read (a local engine) is read directly and incrementally: a listing artifact, with the
/// contents in the store's shared content folder, files unchanged since the previous snapshot of the
/// volume not read again. Otherwise (a remote engine) the engine's archive API makes a tar.
/// </summary>
public sealed class VolumeSnapshotWriter(IContainerEngine engine, SnapshotStore store, string projectLabel)
{
    public async Task<List<VolumeSnapshot>> WriteAsync(
        EnvironmentConfig env, IReadOnlyList<(string Service, ContainerDetails Container)> containers, SnapshotWriter writer, List<SnapshotArtifact> artifacts, CancellationToken ct)
    {
        var volumes = await engine.ListVolumesAsync(new Dictionary<string, string?> { [projectLabel] = env.Project }, ct).ConfigureAwait(false);
        var databaseServices = new[] { env.Postgres?.Service, env.Redis?.Service }.OfType<string>().ToHashSet();
        var databaseVolumes = containers.Where(c => databaseServices.Contains(c.Service))
            .SelectMany(c => c.Container.Mounts)
            .Where(m => m.Type == "volume")
            .Select(m => m.Source)
            .ToHashSet();

        // A parked container needs an image already on the host, nothing more: it never runs.
        var transfer = new VolumeTransfer(engine, containers[0].Container.ImageId);
        var taken = new List<VolumeSnapshot>();
        foreach (var volume in volumes.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var database = databaseVolumes.Contains(volume.Name);
            if (MountpointReader.CanRead(volume.Mountpoint))
            {
                taken.Add(await ReadMountpointAsync(volume, volume.Mountpoint!, database, writer, artifacts, ct).ConfigureAwait(false));
                continue;
            }

            var path = $"volumes/{volume.Name}.tar";
            var archive = await transfer.ExportAsync(volume.Name, writer.PathFor(path), ct).ConfigureAwait(false);
            artifacts.Add(new SnapshotArtifact(path, SnapshotArtifact.VolumeArchive, archive.Size, archive.Sha256, new Dictionary<string, string> { ["volume"] = volume.Name }));
            taken.Add(new VolumeSnapshot(volume.Name, volume.Labels, path, database, archive.Files));
        }

        return taken;
    }

    private async Task<VolumeSnapshot> ReadMountpointAsync(
        VolumeInfo volume, string mountpoint, bool database, SnapshotWriter writer, List<SnapshotArtifact> artifacts, CancellationToken ct)
    {
        var previous = await PreviousListingAsync(volume.Name, ct).ConfigureAwait(false);
        var (listing, counts) = await new MountpointReader(writer.Content).ReadAsync(volume.Name, mountpoint, previous, ct).ConfigureAwait(false);
        var artifact = await writer.WriteArtifactAsync(
            $"volumes/{volume.Name}.files.json", SnapshotArtifact.VolumeFiles, new Dictionary<string, string> { ["volume"] = volume.Name },
            (stream, token) => JsonSerializer.SerializeAsync(stream, listing, SnapshotStore.JsonOptions.TypeInfo<VolumeListing>(), token), progress: null, ct).ConfigureAwait(false);
        artifacts.Add(artifact);
        return new VolumeSnapshot(volume.Name, volume.Labels, artifact.Path, database, [], counts);
    }

    /// <summary>The volume's listing in the newest snapshot that read it incrementally; none (read everything) when there is none or it is unreadable.</summary>
    private async Task<VolumeListing?> PreviousListingAsync(string volume, CancellationToken ct)
    {
        foreach (var manifest in await store.ListAsync(ct).ConfigureAwait(false))
        {
            var artifact = manifest.Volumes?.FirstOrDefault(v => v.Name == volume) is { } taken
                ? manifest.Artifacts.FirstOrDefault(a => a.Path == taken.Artifact && a.Kind == SnapshotArtifact.VolumeFiles)
                : null;
            if (artifact is null)
            {
                continue;
            }

            try
            {
                return await store.LoadListingAsync(manifest, artifact, ct).ConfigureAwait(false);
            }
            catch (BacktrackException)
            {
                return null;
            }
        }

        return null;
    }
}
