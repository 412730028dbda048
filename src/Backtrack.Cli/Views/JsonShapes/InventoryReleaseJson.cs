namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A release in the inventory: whether every image it names is still on the engine.</summary>
public sealed record InventoryReleaseJson(long Id, DateTimeOffset Created, bool Current, bool Rollbackable, IReadOnlyList<InventoryServiceJson> Services);
