namespace Backtrack.Engine;

/// <summary>Swarm services and their tasks, as the engine's manager sees them.</summary>
public interface IServiceQueries
{
    /// <summary>Whether the engine is an active swarm manager: only a manager answers for services and tasks.</summary>
    Task<bool> IsSwarmManagerAsync(CancellationToken ct);

    /// <summary>The swarm node ID of this engine (empty when it is in no swarm): a task whose node this is runs here.</summary>
    Task<string> LocalNodeIdAsync(CancellationToken ct);

    /// <summary>A node's hostname, by which it is named in the configuration; the ID itself when the manager does not know it.</summary>
    Task<string> NodeHostnameAsync(string nodeId, CancellationToken ct);

    /// <summary>Services carrying every one of the given labels (value null: any value), by name.</summary>
    Task<IReadOnlyList<ServiceDetails>> ListServicesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct);

    /// <summary>Every task the manager still keeps for the service (its history included), by slot then newest first.</summary>
    Task<IReadOnlyList<ServiceTask>> ListTasksAsync(string serviceId, CancellationToken ct);

    /// <summary>One service by ID or name, or null when there is none.</summary>
    Task<ServiceDetails?> InspectServiceAsync(string idOrName, CancellationToken ct);

    /// <summary>The swarm's secrets (their names and IDs only: values never leave the swarm).</summary>
    Task<IReadOnlyList<SwarmObjectRef>> ListSecretsAsync(CancellationToken ct);

    /// <summary>The service's log: every task's lines, as 'docker service logs' shows them, stdout and stderr demultiplexed.</summary>
    IAsyncEnumerable<LogLine> ReadServiceLogsAsync(string serviceIdOrName, LogQuery query, CancellationToken ct);

    /// <summary>The swarm's configs.</summary>
    Task<IReadOnlyList<SwarmObjectRef>> ListConfigsAsync(CancellationToken ct);
}
