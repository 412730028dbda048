using Backtrack.Engine;

namespace Backtrack.Tests.Swarm;

/// <summary>A swarm manager holding fixed services (each with its tasks), secrets and configs.</summary>
public sealed class FakeServiceQueries(IReadOnlyList<ServiceDetails> services, IReadOnlyList<SwarmObjectRef> secrets, IReadOnlyList<SwarmObjectRef> configs)
    : IServiceQueries
{
    public Task<bool> IsSwarmManagerAsync(CancellationToken ct) => Task.FromResult(true);

    public Task<string> LocalNodeIdAsync(CancellationToken ct) => Task.FromResult("node-1");

    public Task<string> NodeHostnameAsync(string nodeId, CancellationToken ct) => Task.FromResult(nodeId);

    public Task<IReadOnlyList<ServiceDetails>> ListServicesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct) => Task.FromResult(services);

    public Task<IReadOnlyList<ServiceTask>> ListTasksAsync(string serviceId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ServiceTask>>([]);

    public Task<ServiceDetails?> InspectServiceAsync(string idOrName, CancellationToken ct) =>
        Task.FromResult(services.FirstOrDefault(s => s.Id == idOrName || s.Name == idOrName));

    public Task<IReadOnlyList<SwarmObjectRef>> ListSecretsAsync(CancellationToken ct) => Task.FromResult(secrets);

    public IAsyncEnumerable<LogLine> ReadServiceLogsAsync(string serviceIdOrName, LogQuery query, CancellationToken ct) => AsyncEnumerable.Empty<LogLine>();

    public Task<IReadOnlyList<SwarmObjectRef>> ListConfigsAsync(CancellationToken ct) => Task.FromResult(configs);
}
