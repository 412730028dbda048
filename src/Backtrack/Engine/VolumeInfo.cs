namespace Backtrack.Engine;

/// <summary>
/// A named volume. <paramref name="Mountpoint"/> is its directory as this machine sees it: set only when the
/// engine is local (a unix socket), so a remote engine's paths are never mistaken for local ones.
/// </summary>
public sealed record VolumeInfo(string Name, string Driver, IReadOnlyDictionary<string, string> Labels, string? Mountpoint = null);
