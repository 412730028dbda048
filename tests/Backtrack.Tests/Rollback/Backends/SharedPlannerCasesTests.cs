using System.Globalization;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.State;

namespace Backtrack.Tests.Rollback.Backends;

/// <summary>The same planner cases on both backends: a Compose project and a Swarm stack, each through a fake of its read-only engine.</summary>
public sealed class SharedPlannerCasesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-shared-plan-").FullName;

    public static TheoryData<string> Backends => new() { "compose", "swarm" };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Given_three_releases_when_the_target_is_previous_a_release_number_or_a_tag_then_the_plan_gives_that_image(string name)
    {
        var backend = PlannerBackend.Named(name);
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v1 = await RecordAsync(store, backend, ("api", "shop/api:v1"));
        await RecordAsync(store, backend, ("api", "shop/api:v2"));
        await RecordAsync(store, backend, ("api", "shop/api:v3"));
        backend.Run("api", "shop/api:v3");

        var previous = await backend.PlanAsync(store, Request(RollbackRequest.Previous, "api"));
        var number = await backend.PlanAsync(store, Request(v1.ToString(CultureInfo.InvariantCulture), "api"));
        var tag = await backend.PlanAsync(store, Request("v1", "api"));

        Assert.Equal("shop/api:v2", backend.TargetImage(previous, "api"));
        Assert.Equal("shop/api:v1", backend.TargetImage(number, "api"));
        Assert.Equal("shop/api:v1", backend.TargetImage(tag, "api"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Given_a_service_that_already_runs_the_release_when_everything_is_rolled_back_then_it_is_left_alone(string name)
    {
        var backend = PlannerBackend.Named(name);
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v1 = await RecordAsync(store, backend, ("api", "shop/api:v1"), ("web", "shop/web:v1"));
        backend.Run("api", "shop/api:v3");
        backend.Run("web", "shop/web:v1");

        var plan = await backend.PlanAsync(store, Request(v1.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal("shop/api:v1", backend.TargetImage(plan, "api"));
        Assert.Null(backend.TargetImage(plan, "web"));
        Assert.DoesNotContain(plan.Steps, s => s.Lane == "web");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Given_a_plan_then_it_checks_the_state_it_was_made_against_and_every_change_can_be_undone_after_the_state_before_is_recorded(string name)
    {
        var backend = PlannerBackend.Named(name);
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await RecordAsync(store, backend, ("api", "shop/api:v1"));
        backend.Run("api", "shop/api:v3");

        var plan = await backend.PlanAsync(store, Request(RollbackRequest.Previous, "api"));

        // Stale plan: a service changed since planning no longer matches what the plan checks (the engine refuses, exit 3).
        Assert.Equal(backend.StateNow("api"), backend.PlannedAgainst(plan, "api"));
        // Undo order: the executor undoes newest first, so every undoable change comes after the record of the state before it.
        var recordBefore = plan.Steps.First(s => s.Kind == "release.record");
        var undoable = plan.Steps.Where(s => s.DescribeCompensation() is not null).ToList();
        Assert.NotEmpty(undoable);
        Assert.All(undoable, s => Assert.True(s.Wave > recordBefore.Wave, $"{s.Describe()} is in wave {s.Wave}"));
        Assert.All(undoable, s => Assert.Equal("api", s.Lane));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static RollbackRequest Request(string target, params string[] services) => new(services, target, ImageOnly: false, null, null);

    private static Task<long> RecordAsync(ReleaseStore store, PlannerBackend backend, params (string Service, string Image)[] services) =>
        store.AddAsync(
            new Release(0, DateTimeOffset.UtcNow, "record", null, null, null, services.Select(s => backend.Row(s.Service, s.Image)).ToList()), CancellationToken.None);
}
