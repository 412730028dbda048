using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Tests.Rollback.Backends;
using Backtrack.State;

namespace Backtrack.Tests.Rollback;

/// <summary>The record of the state before a rollback: nothing new when the newest release already records what runs.</summary>
public sealed class RecordBeforeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-record-before-").FullName;
    private readonly ComposePlannerBackend backend = new();

    [Fact]
    public async Task Given_the_newest_release_records_what_runs_when_rolled_back_then_the_plan_references_it_and_previous_still_means_the_same()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v1 = await RecordAsync(store, "record", backend.Row("api", "shop/api:v1"));
        var v2 = await RecordAsync(store, "record", backend.Row("api", "shop/api:v2"));
        backend.Run("api", "shop/api:v2");

        var plan = await backend.PlanAsync(store, Request(RollbackRequest.Previous));

        Assert.Equal("shop/api:v1", backend.TargetImage(plan, "api"));
        var before = Assert.Single(plan.Steps, s => s.Wave == 0 && s.Lane == "release");
        Assert.Equal(v2, Assert.IsType<ReuseReleaseStep>(before).ReleaseId);
        // The record after the rollback; then 'previous' goes back to what ran before it, as when the state before was recorded anew.
        await RecordAsync(store, "rollback", backend.Row("api", "shop/api:v1"));
        backend.Run("api", "shop/api:v1");
        Assert.Equal("shop/api:v2", backend.TargetImage(await backend.PlanAsync(store, Request(RollbackRequest.Previous)), "api"));
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public async Task Given_what_runs_differs_from_the_newest_release_when_rolled_back_then_the_state_before_is_recorded()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await RecordAsync(store, "record", backend.Row("api", "shop/api:v1"));
        backend.Run("api", "shop/api:v3");

        var plan = await backend.PlanAsync(store, Request("v1"));

        Assert.Equal("release.record", Assert.Single(plan.Steps, s => s.Wave == 0 && s.Lane == "release").Kind);
    }

    [Fact]
    public async Task Given_a_recorded_spec_that_differs_only_in_its_env_then_the_release_does_not_describe_what_runs()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var row = backend.Row("api", "shop/api:v2");
        await RecordAsync(store, "record", row with { Spec = row.Spec with { Env = ["MODE=old"] } });
        backend.Run("api", "shop/api:v2");

        var plan = await backend.PlanAsync(store, Request("v1"));

        Assert.Equal("release.record", Assert.Single(plan.Steps, s => s.Wave == 0 && s.Lane == "release").Kind);
    }

    [Theory]
    [InlineData(ReleaseOrigins.FailedWindow, ReleaseOrigins.BeforeRollback)]
    [InlineData("record", ReleaseOrigins.FailedWindow)]
    public async Task Given_a_failed_deploy_either_recorded_or_being_rolled_back_then_the_state_before_is_recorded_to_mark_it(string newestOrigin, string recordBeforeAs)
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await RecordAsync(store, newestOrigin, backend.Row("api", "shop/api:v2"));
        backend.Run("api", "shop/api:v2");

        var plan = await backend.PlanAsync(store, Request("v1") with { RecordBeforeAs = recordBeforeAs });

        var before = Assert.IsType<Backtrack.Rollback.Steps.RecordReleaseStep>(Assert.Single(plan.Steps, s => s.Wave == 0 && s.Lane == "release"));
        Assert.Equal(recordBeforeAs, before.Origin);
    }

    [Fact]
    public void The_reference_is_journaled_as_data_and_read_back()
    {
        var step = new ReuseReleaseStep(0, 42);

        var sealedValues = new Dictionary<string, string>();

        Assert.Equal(step, StepCatalog.Deserialize(step.Kind, StepCatalog.Serialize(step, sealedValues), sealedValues));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static RollbackRequest Request(string target) => new(["api"], target, ImageOnly: false, null, null);

    private static Task<long> RecordAsync(ReleaseStore store, string origin, ServiceRelease row) =>
        store.AddAsync(new Release(0, DateTimeOffset.UtcNow, origin, null, null, null, [row]), CancellationToken.None);
}
