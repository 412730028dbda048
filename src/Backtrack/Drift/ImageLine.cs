namespace Backtrack.Drift;

/// <summary>A service's image line in the file that deploys it (a Compose or stack file): as written, and as resolved with the file's variables.</summary>
public sealed record ImageLine(string Service, string Raw, string Resolved, string FilePath);
