namespace Backtrack.Health;

/// <summary>
/// A step output: this container passed its health gate in this operation. The record after a rollback takes
/// it as the container's health instead of checking it once more on the way to the exit.
/// </summary>
public sealed record GatePassed(string Container);
