namespace Backtrack.Engine;

public sealed record MemoryUsage(long UsedBytes, long LimitBytes);
