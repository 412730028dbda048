namespace Backtrack.Engine;

/// <summary>Containers as they are: listed by label, inspected, their logs and memory use.</summary>
public interface IContainerQueries
{
    /// <summary>Containers, in any state, carrying every one of the given labels (value null: any value).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct);

    /// <summary>Null when no such container exists.</summary>
    Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken ct);

    /// <summary>Current memory use and limit of a running container, in bytes.</summary>
    Task<MemoryUsage> GetMemoryUsageAsync(string idOrName, CancellationToken ct);

    /// <summary>The container's log, stdout and stderr demultiplexed, line by line.</summary>
    IAsyncEnumerable<LogLine> ReadLogsAsync(string idOrName, LogQuery query, CancellationToken ct);
}
