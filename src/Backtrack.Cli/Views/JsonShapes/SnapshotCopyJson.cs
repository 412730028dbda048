namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>'snapshot copy -o json': what an offsite copy uploaded.</summary>
public sealed record SnapshotCopyJson(string Snapshot, string Destination, int Files, long BytesUploaded, bool AlreadyThere);
