namespace Backtrack.Compose;

/// <summary>A service's image line in the Compose files: as written, and as Compose would resolve it.</summary>
public sealed record ComposeImageLine(string Service, string Raw, string Resolved, string FilePath);
