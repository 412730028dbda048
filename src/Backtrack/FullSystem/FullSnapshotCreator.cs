using System.Globalization;
using System.Text.Json;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Releases;
using Backtrack.Snapshots;
using Backtrack.Targets;
using Backtrack.Volumes;
using Backtrack.Serialization;

namespace Backtrack.FullSystem;

/// <summary>
/// Takes a full snapshot: the config files (env files, compose files, configured paths; 0600) and the
/// resolved compose config; the services' specs and image IDs as a recorded release (and the deploy
/// commit); every named volume of the project (<see cref="VolumeSnapshotWriter"/>: read from its mountpoint
/// when local, incrementally; else through the engine's archive API);
/// the databases through <see cref="SnapshotCreator"/>. Written into a partial folder, visible once complete.
/// </summary>
public sealed class FullSnapshotCreator(IContainerEngine engine, IServiceContainers serviceContainers, ReleaseRecorder recorder, TimeProvider clock)
{
    private const UnixFileMode ModeBits = (UnixFileMode)0xFFF;

    public async Task<SnapshotManifest> CreateAsync(
        EnvironmentConfig env, string id, string kind, SnapshotParts parts, string? note, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var containers = (await serviceContainers.ServicesAsync(env, ct).ConfigureAwait(false))
            .Where(s => s.Container is not null)
            .Select(s => (s.Service, Container: s.Container!))
            .ToList();
        if (containers.Count == 0)
        {
            throw new BacktrackException($"project '{env.Project}' has no containers on the engine; nothing to snapshot");
        }

        var store = new SnapshotStore(env.Snapshots.Directory);
        using var writer = store.Begin(id);
        var artifacts = new List<SnapshotArtifact>();
        ReleaseSnapshot? release = null;
        List<ConfigFileSnapshot>? config = null;
        if (parts.HasFlag(SnapshotParts.Config))
        {
            release = await WriteReleaseAsync(env, id, note, containers, writer, artifacts, ct).ConfigureAwait(false);
            config = await WriteConfigAsync(env, containers[0].Container, writer, artifacts, ct).ConfigureAwait(false);
        }

        var volumes = parts.HasFlag(SnapshotParts.Volumes)
            ? await new VolumeSnapshotWriter(engine, store, serviceContainers.ProjectLabel).WriteAsync(env, containers, writer, artifacts, ct).ConfigureAwait(false)
            : null;
        var (postgres, redis) = parts.HasFlag(SnapshotParts.Databases) && (env.Postgres is not null || env.Redis is not null)
            ? await new SnapshotCreator(serviceContainers, clock).WriteDatabasesAsync(env, SnapshotScope.Databases, writer, artifacts, progress, ct).ConfigureAwait(false)
            : (null, null);
        var manifest = new SnapshotManifest(
            SnapshotManifest.CurrentFormat, id, kind, env.Name, env.Project, clock.GetUtcNow(), artifacts, postgres, redis, volumes, config, release, note);
        await writer.CommitAsync(manifest, ct).ConfigureAwait(false);
        return manifest;
    }

    private async Task<ReleaseSnapshot> WriteReleaseAsync(
        EnvironmentConfig env, string id, string? note, IReadOnlyList<(string Service, ContainerDetails Container)> containers,
        SnapshotWriter writer, List<SnapshotArtifact> artifacts, CancellationToken ct)
    {
        var release = await recorder.RecordAsync(env, "snapshot", note ?? $"snapshot {id}", id, ct).ConfigureAwait(false);
        var artifact = await writer.WriteArtifactAsync(
            "release.json", SnapshotArtifact.ReleaseSpecs, new Dictionary<string, string>(),
            (stream, token) => JsonSerializer.SerializeAsync(stream, release, SnapshotStore.JsonOptions.TypeInfo<Release>(), token), progress: null, ct).ConfigureAwait(false);
        artifacts.Add(artifact);
        var byName = containers.ToDictionary(c => c.Container.Name, c => c.Container);
        // A swarm service's release names the service, not a container (no ID); its recorded spec holds its replicas.
        var services = release.Services
            .Select(s => byName.TryGetValue(s.ContainerName, out var c)
                ? new SnapshotService(s.Service, s.ContainerName, c.Id, s.Image, s.ImageId, c.State.Running)
                : new SnapshotService(s.Service, s.ContainerName, "", s.Image, s.ImageId, s.ServiceSpec is not null))
            .ToList();
        return new ReleaseSnapshot(artifact.Path, release.Id, release.GitCommit, services);
    }

    private static async Task<List<ConfigFileSnapshot>> WriteConfigAsync(
        EnvironmentConfig env, ContainerDetails anyContainer, SnapshotWriter writer, List<SnapshotArtifact> artifacts, CancellationToken ct)
    {
        var files = new List<(string Path, string Role)>();
        var project = ComposeProjectFiles.FromLabels(anyContainer.Spec.Labels);
        if (project is not null)
        {
            files.AddRange(project.ConfigFiles.Select(f => (f, ConfigFileSnapshot.ComposeRole)));
            if (File.Exists(project.EnvFilePath))
            {
                files.Add((project.EnvFilePath, ConfigFileSnapshot.EnvRole));
            }
        }

        foreach (var path in env.Snapshots.ConfigPaths)
        {
            if (!File.Exists(path))
            {
                throw new BacktrackException($"snapshots.configPaths: {path} is not a file");
            }

            files.Add((path, path.EndsWith(".env", StringComparison.Ordinal) ? ConfigFileSnapshot.EnvRole : ConfigFileSnapshot.ConfiguredRole));
        }

        var taken = new List<ConfigFileSnapshot>();
        foreach (var (path, role) in files.DistinctBy(f => f.Path))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"config/{taken.Count:00}-{Path.GetFileName(path)}");
            var artifact = await writer.WriteArtifactAsync(
                name, SnapshotArtifact.ConfigFile, new Dictionary<string, string> { ["path"] = path }, async (stream, token) =>
                {
                    await using var source = File.OpenRead(path);
                    await source.CopyToAsync(stream, token).ConfigureAwait(false);
                }, progress: null, ct).ConfigureAwait(false);
            artifacts.Add(artifact);
            var mode = Convert.ToString((int)(File.GetUnixFileMode(path) & ModeBits), 8);
            taken.Add(new ConfigFileSnapshot(path, artifact.Path, mode, role));
        }

        if (project is not null && await ComposeClient.TryConfigAsync(project, env.Project, ct).ConfigureAwait(false) is { } resolved)
        {
            artifacts.Add(await writer.WriteArtifactAsync(
                "config/compose.resolved.yaml", SnapshotArtifact.ComposeConfig, new Dictionary<string, string>(),
                (stream, token) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(resolved), token).AsTask(), progress: null, ct).ConfigureAwait(false));
        }

        return taken;
    }
}
