using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>Docker.DotNet's swarm service and task models into the engine's own records.</summary>
internal static class DockerServiceMapper
{
    public static ServiceDetails ToService(SwarmService service)
    {
        var spec = service.Spec ?? throw new EngineOperationException($"service {service.ID} has no spec");
        var mode = ToMode(spec.Mode);
        return new ServiceDetails(
            service.ID,
            spec.Name ?? service.ID,
            service.Version?.Index ?? 0,
            spec.TaskTemplate?.ContainerSpec?.Image ?? "",
            mode,
            mode is ServiceMode.Replicated ? spec.Mode?.Replicated?.Replicas ?? 1 : null,
            service.UpdateStatus is { State: { Length: > 0 } state } status ? new ServiceUpdateStatus(state, NullIfEmpty(status.Message)) : null,
            spec.UpdateConfig is { } update ? new ServiceUpdateConfig(Or(update.Order, "stop-first"), Or(update.FailureAction, "pause")) : null,
            // The endpoint holds the ports as applied; the spec's are what was asked for (the same once converged).
            (service.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? [])
                .Select(p => new ServicePort(p.TargetPort ?? 0, p.PublishedPort is 0 ? null : p.PublishedPort, Or(p.Protocol, "tcp"), Or(p.PublishMode, "ingress")))
                .ToList(),
            spec.Labels?.ToDictionary() ?? [])
        {
            Spec = ToSpec(spec),
        };
    }

    /// <summary>The whole spec verbatim, with what the core reads typed beside it.</summary>
    public static SwarmServiceSpec ToSpec(ServiceSpec spec)
    {
        var container = spec.TaskTemplate?.ContainerSpec;
        return new SwarmServiceSpec
        {
            Json = JsonSerializer.Serialize(spec, DockerModelJson.Of<ServiceSpec>()),
            Image = container?.Image ?? "",
            Env = container?.Env?.ToList() ?? [],
            Secrets = (container?.Secrets ?? []).Select(s => new SwarmObjectRef(s.SecretID ?? "", s.SecretName ?? s.SecretID ?? "")).ToList(),
            Configs = (container?.Configs ?? []).Select(c => new SwarmObjectRef(c.ConfigID ?? "", c.ConfigName ?? c.ConfigID ?? "")).ToList(),
            TaskDigest = Digest(spec.TaskTemplate),
            MemoryLimit = spec.TaskTemplate?.Resources?.Limits?.MemoryBytes is > 0 and var limit ? limit : null,
        };
    }

    public static ServiceSpec ToSpec(SwarmServiceSpec spec) =>
        JsonSerializer.Deserialize(spec.Json, DockerModelJson.Of<ServiceSpec>()) ?? throw new EngineOperationException("a recorded service spec is empty");

    public static ServiceTask ToTask(TaskResponse task) => new(
        task.ID,
        task.Slot,
        task.NodeID ?? "",
        ToState(task.DesiredState),
        ToState(task.Status?.State),
        NullIfEmpty(task.Status?.Err),
        NullIfEmpty(task.Status?.ContainerStatus?.ContainerID),
        task.Status?.Timestamp is { } at ? new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero) : null)
    {
        SpecDigest = Digest(task.Spec),
    };

    /// <summary>
    /// Swarm copies the service's task template into each task it creates: the same spec gives the same JSON,
    /// but for the runtime, which the engine names on a service's template only.
    /// </summary>
    private static string Digest(TaskSpec? spec)
    {
        var node = JsonSerializer.SerializeToNode(spec, DockerModelJson.Of<TaskSpec?>());
        if (node is JsonObject template)
        {
            template.Remove("Runtime");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null")));
    }

    private static ServiceMode ToMode(global::Docker.DotNet.Models.ServiceMode? mode) => mode switch
    {
        { Global: not null } => ServiceMode.Global,
        { ReplicatedJob: not null } => ServiceMode.ReplicatedJob,
        { GlobalJob: not null } => ServiceMode.GlobalJob,
        _ => ServiceMode.Replicated,
    };

    // Both enums list swarm's states in the same order under the same names.
    private static TaskState ToState(global::Docker.DotNet.Models.TaskState? state) =>
        state is { } s && Enum.TryParse<TaskState>(s.ToString(), out var mapped) ? mapped : TaskState.New;

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
