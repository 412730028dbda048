using Backtrack.Snapshots;

namespace Backtrack.Databases;

/// <summary>What 'backtrack rollback db' was asked: the snapshot to restore and which databases of it.</summary>
public sealed record DatabaseRollbackRequest(string SnapshotId, SnapshotScope Scope, TimeSpan? StopTimeout, TimeSpan? HealthTimeout);
