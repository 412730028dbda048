using Backtrack.Planning;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>Swarm services: one inspected, secrets and configs listed, a spec applied at a version, a service scaled; the local node.</summary>
public sealed partial class DockerEngine
{
    private const int ScaleAttempts = 3;

    public Task<string> LocalNodeIdAsync(CancellationToken ct) =>
        Guard(async () => (await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false)).Swarm?.NodeID ?? "");

    public Task<string> NodeHostnameAsync(string nodeId, CancellationToken ct) =>
        Guard(async () =>
        {
            var node = await client.Swarm.InspectNodeAsync(nodeId, ct).ConfigureAwait(false);
            return node.Description?.Hostname is { Length: > 0 } hostname ? hostname : nodeId;
        });

    public Task ScaleServiceAsync(string serviceId, ulong replicas, CancellationToken ct) =>
        ChangeSpecAsync(serviceId, spec =>
        {
            if (spec.Mode?.Replicated is not { } replicated)
            {
                throw new BacktrackException($"service {spec.Name ?? serviceId} is not a replicated service: it cannot be scaled");
            }

            var changed = replicated.Replicas != replicas;
            replicated.Replicas = replicas;
            return changed;
        }, ct);

    public Task SetServiceMemoryLimitAsync(string serviceId, long? bytes, CancellationToken ct) =>
        ChangeSpecAsync(serviceId, spec =>
        {
            var task = spec.TaskTemplate ??= new TaskSpec();
            var limits = (task.Resources ??= new ResourceRequirements()).Limits ??= new SwarmLimit();
            var changed = (limits.MemoryBytes is > 0 ? limits.MemoryBytes : null) != bytes;
            limits.MemoryBytes = bytes ?? 0;
            return changed;
        }, ct);

    /// <summary>
    /// Changes one part of the service's spec as it is now (CHANGE says whether it changed anything) and
    /// updates the service with it, read again and retried while swarm moves the version meanwhile.
    /// </summary>
    private async Task ChangeSpecAsync(string serviceId, Func<ServiceSpec, bool> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var service = await Guard(() => client.Swarm.InspectServiceAsync(serviceId, ct)).ConfigureAwait(false);
            if (!change(service.Spec ?? throw new BacktrackException($"service {serviceId} has no spec on the engine")))
            {
                return;
            }

            try
            {
                await Guard(() => client.Swarm.UpdateServiceAsync(serviceId, new ServiceUpdateParameters { Service = service.Spec, Version = (long)(service.Version?.Index ?? 0) }, ct))
                    .ConfigureAwait(false);
                return;
            }
            catch (EngineOperationException e) when (attempt < ScaleAttempts && e.Message.Contains("out of sequence", StringComparison.Ordinal))
            {
                // Swarm moved the version while recording a task's progress: read it again.
            }
        }
    }

    public Task<ServiceDetails?> InspectServiceAsync(string idOrName, CancellationToken ct) =>
        Guard(async () =>
        {
            try
            {
                return DockerServiceMapper.ToService(await client.Swarm.InspectServiceAsync(idOrName, ct).ConfigureAwait(false));
            }
            catch (global::Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return (ServiceDetails?)null;
            }
        });

    public Task<IReadOnlyList<SwarmObjectRef>> ListSecretsAsync(CancellationToken ct) =>
        Guard<IReadOnlyList<SwarmObjectRef>>(async () =>
            (await client.Secrets.ListAsync(ct).ConfigureAwait(false)).Select(s => new SwarmObjectRef(s.ID, s.Spec?.Name ?? s.ID)).ToList());

    public Task<IReadOnlyList<SwarmObjectRef>> ListConfigsAsync(CancellationToken ct) =>
        Guard<IReadOnlyList<SwarmObjectRef>>(async () =>
            (await client.Configs.ListConfigsAsync(ct).ConfigureAwait(false)).Select(c => new SwarmObjectRef(c.ID, c.Spec?.Name ?? c.ID)).ToList());

    public async Task UpdateServiceAsync(string serviceId, ulong version, SwarmServiceSpec spec, CancellationToken ct)
    {
        var parameters = new ServiceUpdateParameters { Service = DockerServiceMapper.ToSpec(spec), Version = (long)version };
        try
        {
            await Guard(() => client.Swarm.UpdateServiceAsync(serviceId, parameters, ct)).ConfigureAwait(false);
        }
        catch (EngineOperationException e) when (e.Message.Contains("out of sequence", StringComparison.Ordinal))
        {
            // The version the plan read is no longer the service's: someone deployed or updated it since.
            throw new ConflictException($"service {serviceId} changed since the plan was made ({e.Message}); nothing of it was changed, plan again");
        }
    }
}
