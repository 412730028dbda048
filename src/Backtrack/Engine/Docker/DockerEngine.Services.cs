using Backtrack.Planning;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>Swarm services: one inspected, secrets and configs listed, a spec applied at a version.</summary>
public sealed partial class DockerEngine
{
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
