namespace Backtrack.Snapshots.Offsite;

/// <summary>One file of a snapshot copy, relative to the destination (<c>ID/...</c> or <c>content/ab/sha256</c>), with the size and sha256 it must have.</summary>
public sealed record OffsiteFile(string Path, long Size, string Sha256)
{
    public bool IsShared => Path.StartsWith(ContentStore.FolderName + "/", StringComparison.Ordinal);
}
