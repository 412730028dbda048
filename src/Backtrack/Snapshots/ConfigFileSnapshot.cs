namespace Backtrack.Snapshots;

/// <summary>A config file (env file, compose file, configured path) kept as an artifact: where it lives, its mode (octal), and what it is.</summary>
public sealed record ConfigFileSnapshot(string Path, string Artifact, string Mode, string Role)
{
    public const string EnvRole = "env";
    public const string ComposeRole = "compose";
    public const string ConfiguredRole = "config";
}
