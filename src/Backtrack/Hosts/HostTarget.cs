namespace Backtrack.Hosts;

/// <summary>
/// Where a step of a multi-host plan acts: the host's name, its engine endpoint and its Compose project.
/// It is part of the step's parameters, so that repair reaches the same engine from the journal.
/// </summary>
public sealed record HostTarget(string Name, string Engine, string Project);
