namespace Backtrack.Engine;

/// <summary>The state of a service's last update (updating, paused, completed, rollback_started, ...) and swarm's message.</summary>
public sealed record ServiceUpdateStatus(string State, string? Message);
