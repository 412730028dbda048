namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A snapshot in the inventory: when it last passed verification, how much newer data a restore discards.</summary>
public sealed record InventorySnapshotJson(SnapshotJson Snapshot, DateTimeOffset? VerifiedAt, double DiscardsSeconds);
