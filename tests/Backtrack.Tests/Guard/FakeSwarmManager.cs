using Backtrack.Engine;

namespace Backtrack.Tests.Guard;

/// <summary>A manager whose services ('web' unless named) run the queued specs and update states, one per read (the last stays).</summary>
internal sealed class FakeSwarmManager(IEnumerable<string> digests, IEnumerable<string>? states = null, IReadOnlyList<string>? names = null) : IServiceQueries
{
    private readonly Queue<string> states = new(states ?? ["completed"]);

    /// <summary>What listing the services throws instead of answering (a client timeout).</summary>
    public Exception? Fault { get; init; }

    public Queue<string> Digests { get; } = new(digests);

    public string? LastState { get; private set; }

    public Task<bool> IsSwarmManagerAsync(CancellationToken ct) => Task.FromResult(true);

    public Task<string> LocalNodeIdAsync(CancellationToken ct) => Task.FromResult("node-1");

    public Task<string> NodeHostnameAsync(string nodeId, CancellationToken ct) => Task.FromResult(nodeId);

    public Task<IReadOnlyList<ServiceDetails>> ListServicesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct)
    {
        if (Fault is not null)
        {
            return Task.FromException<IReadOnlyList<ServiceDetails>>(Fault);
        }

        var digest = Digests.Count > 1 ? Digests.Dequeue() : Digests.Peek();
        LastState = states.Count > 1 ? states.Dequeue() : states.Peek();
        IReadOnlyList<ServiceDetails> services = (names ?? ["web"]).Select(name =>
            new ServiceDetails($"id-{name}", $"shop_{name}", 1, "demo/web:v1", ServiceMode.Replicated, 1, new ServiceUpdateStatus(LastState, null), null, [], new Dictionary<string, string>())
            {
                Spec = new SwarmServiceSpec { Json = "{}", Image = "demo/web:v1", TaskDigest = digest },
            }).ToList();
        return Task.FromResult(services);
    }

    public Task<IReadOnlyList<ServiceTask>> ListTasksAsync(string serviceId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ServiceTask>>([]);

    public Task<ServiceDetails?> InspectServiceAsync(string idOrName, CancellationToken ct) => Task.FromResult<ServiceDetails?>(null);

    public Task<IReadOnlyList<SwarmObjectRef>> ListSecretsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<SwarmObjectRef>>([]);

    public Task<IReadOnlyList<SwarmObjectRef>> ListConfigsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<SwarmObjectRef>>([]);

    public IAsyncEnumerable<LogLine> ReadServiceLogsAsync(string serviceIdOrName, LogQuery query, CancellationToken ct) => AsyncEnumerable.Empty<LogLine>();
}
