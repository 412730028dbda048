namespace Backtrack.FullSystem;

/// <summary>What a snapshot takes: config (files, resolved compose config, the services' specs), volumes, databases.</summary>
[Flags]
public enum SnapshotParts
{
    None = 0,
    Config = 1,
    Volumes = 2,
    Databases = 4,
    All = Config | Volumes | Databases,
}
