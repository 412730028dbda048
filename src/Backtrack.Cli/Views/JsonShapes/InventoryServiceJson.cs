namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One service of an inventory release.</summary>
public sealed record InventoryServiceJson(string Service, string Image, string ImageId, bool ImagePresent, bool SpecRecorded);
