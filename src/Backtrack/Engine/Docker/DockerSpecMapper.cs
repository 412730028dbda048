using System.Text.Json;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>
/// Turns Docker's inspect data into a <see cref="ContainerSpec"/> and back into create parameters.
/// Values the container only inherited from its image are left out of the spec, so that a spec put on
/// another image takes that image's defaults (its ENV, CMD, labels) rather than the old image's.
/// </summary>
internal static class DockerSpecMapper
{
    public static ContainerSpec ToSpec(ContainerInspectResponse container, ImageInspectResponse? image)
    {
        var config = container.Config ?? throw new EngineOperationException($"container {container.Name} has no config");
        var imageConfig = image?.Config;
        var shortId = container.ID[..12];
        var hostConfig = container.HostConfig ?? new HostConfig();
        KeepAnonymousVolumes(container, hostConfig);

        return new ContainerSpec
        {
            Image = config.Image ?? container.Image,
            Env = Without(config.Env, imageConfig?.Env),
            Cmd = SameList(config.Cmd, imageConfig?.Cmd) ? null : config.Cmd?.ToList(),
            Entrypoint = SameList(config.Entrypoint, imageConfig?.Entrypoint) ? null : config.Entrypoint?.ToList(),
            User = Own(config.User, imageConfig?.User),
            WorkingDir = Own(config.WorkingDir, imageConfig?.WorkingDir),
            Labels = (config.Labels ?? new Dictionary<string, string>())
                .Where(l => imageConfig?.Labels is null || !imageConfig.Labels.TryGetValue(l.Key, out var v) || v != l.Value)
                .ToDictionary(l => l.Key, l => l.Value),
            Healthcheck = config.Healthcheck is { Test.Count: > 0 } hc && !SameList(hc.Test, imageConfig?.Healthcheck?.Test)
                ? new ContainerHealthcheck([.. hc.Test], hc.Interval, hc.Timeout, hc.StartPeriod, hc.Retries)
                : null,
            StopSignal = Own(config.StopSignal, imageConfig?.StopSignal),
            Hostname = config.Hostname == shortId ? null : config.Hostname,
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            Networks = (container.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                .Select(n => new NetworkAttachment(
                    n.Key,
                    (n.Value.Aliases ?? []).Where(a => a != shortId).ToList(),
                    string.IsNullOrEmpty(n.Value.IPAMConfig?.IPv4Address) ? null : n.Value.IPAMConfig.IPv4Address))
                .ToList(),
            HostConfigJson = JsonSerializer.Serialize(hostConfig, DockerModelJson.Of<HostConfig>()),
            NetworkMode = hostConfig.NetworkMode,
            MemoryLimit = hostConfig.Memory,
        };
    }

    public static CreateContainerParameters ToCreateParameters(string name, ContainerSpec spec)
    {
        var hostConfig = HostConfigOf(spec) ?? throw new BacktrackException($"the recorded spec for {name} has no host configuration");
        var primary = PrimaryNetwork(spec, hostConfig);
        // The models declare these non-nullable, but the API reads an absent value as "the image's default".
        return new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            Env = spec.Env.ToList(),
            Cmd = spec.Cmd?.ToList()!,
            Entrypoint = spec.Entrypoint?.ToList()!,
            User = spec.User!,
            WorkingDir = spec.WorkingDir!,
            Labels = spec.Labels.ToDictionary(),
            Healthcheck = spec.Healthcheck is { } hc
                ? new HealthcheckConfig
                {
                    Test = hc.Test.ToList(),
                    Interval = hc.Interval,
                    Timeout = hc.Timeout,
                    StartPeriod = hc.StartPeriod,
                    Retries = hc.Retries,
                }
                : null,
            StopSignal = spec.StopSignal!,
            Hostname = spec.Hostname!,
            Tty = spec.Tty,
            OpenStdin = spec.OpenStdin,
            ExposedPorts = (hostConfig.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
                .ToDictionary(p => p.Key, _ => new EmptyStruct()),
            HostConfig = hostConfig,
            NetworkingConfig = primary is null
                ? null
                : new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [primary.Network] = Endpoint(primary) } },
        };
    }

    public static RestartPolicy ToRestartPolicy(global::Docker.DotNet.Models.RestartPolicy? policy) => policy?.Name switch
    {
        RestartPolicyKind.Always => RestartPolicy.Of(RestartPolicy.AlwaysName, 0),
        RestartPolicyKind.UnlessStopped => RestartPolicy.Of(RestartPolicy.UnlessStoppedName, 0),
        RestartPolicyKind.OnFailure => RestartPolicy.Of(RestartPolicy.OnFailureName, policy.MaximumRetryCount),
        _ => RestartPolicy.No,
    };

    public static global::Docker.DotNet.Models.RestartPolicy ToDockerRestartPolicy(RestartPolicy policy) => new()
    {
        Name = policy.Name switch
        {
            RestartPolicy.AlwaysName => RestartPolicyKind.Always,
            RestartPolicy.UnlessStoppedName => RestartPolicyKind.UnlessStopped,
            RestartPolicy.OnFailureName => RestartPolicyKind.OnFailure,
            _ => RestartPolicyKind.No,
        },
        MaximumRetryCount = policy.MaximumRetryCount,
    };

    /// <summary>The networks to connect after creation: the engine attaches only one at create time on older APIs.</summary>
    public static IEnumerable<NetworkAttachment> SecondaryNetworks(ContainerSpec spec)
    {
        var hostConfig = HostConfigOf(spec);
        var primary = hostConfig is null ? null : PrimaryNetwork(spec, hostConfig);
        return IsSharedNamespace(hostConfig?.NetworkMode) ? [] : spec.Networks.Where(n => n != primary);
    }

    /// <summary>The spec's host settings, with its typed network mode where it sets one.</summary>
    private static HostConfig? HostConfigOf(ContainerSpec spec)
    {
        var hostConfig = JsonSerializer.Deserialize(spec.HostConfigJson, DockerModelJson.Of<HostConfig>());
        if (hostConfig is not null && spec.NetworkMode is { } mode)
        {
            hostConfig.NetworkMode = mode;
        }

        return hostConfig;
    }

    public static EndpointSettings Endpoint(NetworkAttachment attachment) => new()
    {
        Aliases = attachment.Aliases.ToList(),
        IPAMConfig = attachment.IPv4Address is null ? null : new EndpointIPAMConfig { IPv4Address = attachment.IPv4Address },
    };

    private static NetworkAttachment? PrimaryNetwork(ContainerSpec spec, HostConfig hostConfig) =>
        IsSharedNamespace(hostConfig.NetworkMode)
            ? null
            : spec.Networks.FirstOrDefault(n => n.Network == hostConfig.NetworkMode) ?? (spec.Networks.Count > 0 ? spec.Networks[0] : null);

    // "host", "none" and "container:<id>" networking takes no endpoint settings.
    private static bool IsSharedNamespace(string? networkMode) =>
        networkMode is "host" or "none" || (networkMode?.StartsWith("container:", StringComparison.Ordinal) ?? false);

    /// <summary>
    /// Anonymous volumes (an image's VOLUME with no mount given) would be new and empty in a new container;
    /// bind them by name, as Compose does when it recreates, so their data carries over.
    /// </summary>
    private static void KeepAnonymousVolumes(ContainerInspectResponse container, HostConfig hostConfig)
    {
        var declared = new HashSet<string>(
            (hostConfig.Binds ?? []).Select(b => b.Split(':')[1]).Concat((hostConfig.Mounts ?? []).Select(m => m.Target ?? "")));
        var anonymous = (container.Mounts ?? [])
            .Where(m => m.Type == "volume" && !declared.Contains(m.Destination))
            .Select(m => $"{m.Name}:{m.Destination}")
            .ToList();
        if (anonymous.Count > 0)
        {
            hostConfig.Binds = [.. hostConfig.Binds ?? [], .. anonymous];
        }
    }

    private static List<string> Without(IEnumerable<string>? own, IEnumerable<string>? inherited)
    {
        var fromImage = new HashSet<string>(inherited ?? []);
        return (own ?? []).Where(e => !fromImage.Contains(e)).ToList();
    }

    private static string? Own(string? value, string? inherited) =>
        string.IsNullOrEmpty(value) || value == inherited ? null : value;

    private static bool SameList(IEnumerable<string>? a, IEnumerable<string>? b) =>
        (a ?? []).SequenceEqual(b ?? []);
}
