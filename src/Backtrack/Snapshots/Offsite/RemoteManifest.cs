namespace Backtrack.Snapshots.Offsite;

/// <summary>A snapshot's manifest as read once from a destination: its bytes (written into the store as they are) and what they say.</summary>
internal sealed record RemoteManifest(string Id, byte[] Bytes, SnapshotManifest Manifest);
