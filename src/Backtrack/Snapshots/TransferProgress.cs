namespace Backtrack.Snapshots;

/// <summary>How far a long copy (a dump, a restore, a checksum) has come.</summary>
public sealed record TransferProgress(string What, long Bytes, long? Total, TimeSpan Elapsed, bool Done)
{
    public double BytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / Elapsed.TotalSeconds : 0;
}
