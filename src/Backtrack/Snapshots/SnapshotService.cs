namespace Backtrack.Snapshots;

/// <summary>One service in a full snapshot: its container, image and whether it ran.</summary>
public sealed record SnapshotService(string Service, string ContainerName, string ContainerId, string Image, string ImageId, bool Running);
