namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>'snapshot verify -o json': the checks a sound snapshot passed.</summary>
public sealed record SnapshotVerifyJson(string Snapshot, bool Ok, IReadOnlyList<string> Checks);
