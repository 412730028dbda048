namespace Backtrack.Volumes.Files;

/// <summary>Every path of a volume, parents before children; written as a snapshot artifact (volumes/NAME.files.json).</summary>
public sealed record VolumeListing(string Volume, IReadOnlyList<VolumeFileEntry> Entries)
{
    /// <summary>The content hashes the listing needs.</summary>
    public IEnumerable<string> ContentHashes => Entries.Select(e => e.Sha256).OfType<string>();
}
