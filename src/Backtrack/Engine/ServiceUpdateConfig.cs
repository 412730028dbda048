namespace Backtrack.Engine;

/// <summary>How swarm updates a service: stop-first or start-first, and what it does when an update fails (pause, continue, rollback).</summary>
public sealed record ServiceUpdateConfig(string Order, string FailureAction);
