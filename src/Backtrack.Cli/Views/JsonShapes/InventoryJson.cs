namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>The status page's inventory: what can still be rolled back to.</summary>
public sealed record InventoryJson(IReadOnlyList<InventoryReleaseJson> Releases, IReadOnlyList<InventorySnapshotJson> Snapshots);
