using System.Text.Json.Serialization;
using Backtrack.Cli.Serve;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Execution;
using Backtrack.Snapshots;

namespace Backtrack.Cli.Views;

/// <summary>
/// Compile-time JSON metadata for every -o json view and the status page's endpoints: the CLI runs without
/// reflection-based JSON (the native build has none), so a shape missing here fails in every build and its
/// tests. Names, casing and converters come from <see cref="Json"/>'s options, so the output is unchanged.
/// A value typed object (the page's status: Compose or swarm) is written as its runtime type, listed here.
/// </summary>
// Enums as their names, as JsonStringEnumConverter wrote them (its non-generic form needs code made at run time).
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(ActionPlanJson))]
[JsonSerializable(typeof(ActionStartJson))]
[JsonSerializable(typeof(EnvironmentJson[]))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(HealthJson))]
[JsonSerializable(typeof(IReadOnlyList<OperationRecord>))]
[JsonSerializable(typeof(InventoryJson))]
[JsonSerializable(typeof(OutcomeJson))]
[JsonSerializable(typeof(PlanJson))]
[JsonSerializable(typeof(ReleaseJson))]
[JsonSerializable(typeof(IReadOnlyList<ReleaseJson>))]
[JsonSerializable(typeof(SessionJson))]
[JsonSerializable(typeof(SnapshotCopyJson))]
[JsonSerializable(typeof(IReadOnlyList<SnapshotJson>))]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(SnapshotVerifyJson))]
[JsonSerializable(typeof(StackStatusJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(IReadOnlyList<VersionJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
