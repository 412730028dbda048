namespace Backtrack.Engine;

/// <summary>
/// A named volume. <paramref name="Mountpoint"/> is its directory as this machine sees it, set only where
/// reading it directly is faithful: a local engine (a unix socket) without user-namespace remapping or
/// rootless mode, and a plain local volume (no driver options: its data always lives there). A remote
/// engine's paths are never mistaken for local ones.
/// </summary>
public sealed record VolumeInfo(string Name, string Driver, IReadOnlyDictionary<string, string> Labels, string? Mountpoint = null);
