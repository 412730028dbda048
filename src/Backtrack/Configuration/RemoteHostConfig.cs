namespace Backtrack.Configuration;

/// <summary>
/// <c>host:</c> of an environment in the operator's backtrack.yml: where the environment runs
/// (<c>[user@]host[:port]</c>) and the directory there holding the host's backtrack.yml, so
/// <c>backtrack --host NAME COMMAND</c> runs the command there.
/// </summary>
public sealed record RemoteHostConfig(string Address, string? Directory);
