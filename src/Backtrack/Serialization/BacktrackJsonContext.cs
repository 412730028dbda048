using System.Text.Json.Serialization;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard;
using Backtrack.Releases;
using Backtrack.Snapshots;
using Backtrack.Volumes.Files;

namespace Backtrack.Serialization;

/// <summary>
/// Compile-time JSON metadata for what the library stores: every step kind (the journal), the specs sealed
/// into the vault and the release store, snapshot manifests and listings, guard decisions. The native (AOT)
/// build cannot make the generic converters reflection needs at run time; the normal build skips their JIT.
/// Property names follow the options it is used with (default or web), so stored JSON is unchanged.
/// </summary>
[JsonSerializable(typeof(ContainerSpec))]
// Its generated file's name would differ only in case from the health check's ContainerHealthCheck.
[JsonSerializable(typeof(ContainerHealthcheck), TypeInfoPropertyName = "EngineContainerHealthcheck")]
[JsonSerializable(typeof(SwarmServiceSpec))]
[JsonSerializable(typeof(HealthCheckSpec))]
[JsonSerializable(typeof(Release))]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(VolumeListing))]
[JsonSerializable(typeof(Backtrack.Volumes.ArchivedFile))]
[JsonSerializable(typeof(GuardDecision))]
[JsonSerializable(typeof(Backtrack.Cleanup.Steps.ArchiveLogsStep))]
[JsonSerializable(typeof(Backtrack.Cleanup.Steps.RemoveImageStep))]
[JsonSerializable(typeof(Backtrack.Compose.PinOverrideStep))]
[JsonSerializable(typeof(Backtrack.Compose.PinVariableStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.CheckRowCountsStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.CheckServerVersionStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.CreateStagingDatabaseStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.DropDatabaseStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.PgRestoreStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.PutRedisFilesStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.PutRedisVolumeFilesStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.RestoreGlobalsStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.SafetySnapshotStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.SwapDatabaseStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.VerifySnapshotStep))]
[JsonSerializable(typeof(Backtrack.Databases.Steps.WaitRedisLoadedStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.CreateSnapshotStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.ForwardOnlyStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.FullSafetySnapshotStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.GitResetKeepStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.RemoveServicesStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.ReplaceVolumeStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.RestoreConfigFilesStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.RestoreOnUndoStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.StopServicesStep))]
[JsonSerializable(typeof(Backtrack.FullSystem.Steps.WaitPostgresReadyStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.ExpectGitStateStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.GitPushStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.GitResetStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.GitRevertStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.RedeployOnUndoStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.RedeployStep))]
[JsonSerializable(typeof(Backtrack.Git.Steps.WaitForImagesStep))]
[JsonSerializable(typeof(Backtrack.Hosts.OnHostStep))]
[JsonSerializable(typeof(Backtrack.Hosts.VerifyHostsStep))]
[JsonSerializable(typeof(Backtrack.Operations.UndoStep))]
[JsonSerializable(typeof(Backtrack.Releases.ReuseReleaseStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.CreateContainerStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.DrainStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.EnsureImageStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.ExpectContainerStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.GateServicesStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.HealthGateStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.PruneAsideStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.RecordReleaseStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.RemoveContainerStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.RenameContainerStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.SetAsideStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.SetRestartPolicyStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.StartContainerStep))]
[JsonSerializable(typeof(Backtrack.Rollback.Steps.StopContainerStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.RecreateServicesStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.RestartContainerStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.RestartOnUndoStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.RestoreEnvFileStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.RestoreFileFromGitStep))]
[JsonSerializable(typeof(Backtrack.Scenarios.SetMemoryLimitStep))]
[JsonSerializable(typeof(Backtrack.Snapshots.RemoveSnapshotStep))]
[JsonSerializable(typeof(Backtrack.Snapshots.SweepContentStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.PinStackImageStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.RemoveTaskContainersStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.RestoreServiceSpecStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.ScaleServiceStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.ServiceGateStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.SetServiceMemoryStep))]
[JsonSerializable(typeof(Backtrack.Swarm.Steps.UpdateServiceStep))]
[JsonSerializable(typeof(Backtrack.Verify.VerifyStep))]
internal sealed partial class BacktrackJsonContext : JsonSerializerContext;
