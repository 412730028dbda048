namespace Backtrack.Snapshots.Offsite;

/// <summary>What a copy did: how many files the snapshot has there, how many bytes went up (shared contents already there are not sent again).</summary>
public sealed record CopyResult(string Id, int Files, long BytesUploaded, bool AlreadyThere);
