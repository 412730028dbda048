using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.State;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Tests.Swarm;

public sealed class SwarmRollbackPlannerTests : IDisposable
{
    private static readonly SwarmObjectRef SecretV1 = new("sec1", "shop_secret_v1");
    private static readonly SwarmObjectRef ConfigV1 = new("conf1", "shop_conf_v1");
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-swarm-plan-").FullName;

    [Fact]
    public async Task Given_three_recorded_deploys_when_rolling_back_to_the_first_then_each_changed_service_is_updated_at_its_current_version_then_gated()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v1 = await AddAsync(store, Spec("api:v1", [SecretV1]), Spec("web:v1"));
        await AddAsync(store, Spec("api:v2"), Spec("web:v1"));
        var engine = Engine([Service("api", Spec("api:v3"), 42), Service("web", Spec("web:v1"), 7)], [SecretV1]);

        var plan = await Planner(engine, store).PlanAsync(Env(), Request(v1.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);

        var update = Assert.Single(plan.Steps.OfType<UpdateServiceStep>());
        Assert.Equal(("shop_api", 42ul, "api:v1", "api:v3"), (update.Name, update.Version, update.Spec.Image, update.Before.Image));
        Assert.Equal(["release.record", "service.update", "service.gate", "release.record", "verify"], plan.Steps.Select(s => s.Kind));
        Assert.Equal("api", Assert.Single(plan.Steps.OfType<ServiceGateStep>()).Lane);
        Assert.Equal(2, plan.Steps[^1].Wave);
        var unverified = await Planner(engine, store).PlanAsync(Env(), Request($"{v1}") with { Verify = false }, CancellationToken.None);
        Assert.DoesNotContain(unverified.Steps, s => s.Kind == "verify");
    }

    [Fact]
    public async Task Given_previous_when_planned_then_the_newest_release_with_another_task_spec_is_the_target()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await AddAsync(store, Spec("api:v1"));
        await AddAsync(store, Spec("api:v2"));
        await AddAsync(store, Spec("api:v3"));

        var plan = await Planner(Engine([Service("api", Spec("api:v3"), 3)], []), store).PlanAsync(Env(), Request(RollbackRequest.Previous), CancellationToken.None);

        Assert.Equal("api:v2", Assert.Single(plan.Steps.OfType<UpdateServiceStep>()).Spec.Image);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("api:v1")]
    [InlineData("api@sha256:1111111111111111111111111111111111111111111111111111111111111111")]
    public async Task Given_an_image_when_planned_then_the_newest_release_whose_spec_runs_it_is_the_target(string target)
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await AddAsync(store, Spec("api:v1@sha256:1111111111111111111111111111111111111111111111111111111111111111"));
        var newest = await AddAsync(store, Spec("api:v1@sha256:1111111111111111111111111111111111111111111111111111111111111111") with { Json = """{"image":"api:v1","env":"B"}""" });
        await AddAsync(store, Spec("api:v3"));

        var plan = await Planner(Engine([Service("api", Spec("api:v3"), 3)], []), store).PlanAsync(Env(), Request(target), CancellationToken.None);

        Assert.Contains(@"""env"":""B""", Assert.Single(plan.Steps.OfType<UpdateServiceStep>()).Spec.Json, StringComparison.Ordinal);
        Assert.Contains($"release {newest}", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_release_whose_secret_and_config_were_removed_when_planned_then_refused_naming_both()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v1 = await AddAsync(store, Spec("api:v1", [SecretV1], [ConfigV1]));

        var error = await Assert.ThrowsAsync<BacktrackException>(() =>
            Planner(new FakeServiceQueries([Service("api", Spec("api:v3"), 3)], [], []), store).PlanAsync(Env(), Request($"{v1}"), CancellationToken.None));

        Assert.Contains("api: secret 'shop_secret_v1', api: config 'shop_conf_v1'", error.Message);
    }

    [Theory]
    [InlineData("v1", "no recorded release runs api:v1 for api; 'backtrack releases'")]
    [InlineData("Bad:Ref", "--to: 'Bad:Ref' is no image tag")]
    [InlineData("99", "no release 99")]
    public async Task Given_a_target_that_is_no_recorded_release_when_planned_then_refused(string target, string message)
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);

        var error = await Assert.ThrowsAsync<BacktrackException>(() =>
            Planner(Engine([Service("api", Spec("api:v3"), 3)], []), new ReleaseStore(database)).PlanAsync(Env(), Request(target), CancellationToken.None));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Given_the_services_already_run_the_release_when_planned_then_the_plan_is_empty()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        var v3 = await AddAsync(store, Spec("api:v3"));

        var plan = await Planner(Engine([Service("api", Spec("api:v3"), 3)], []), store).PlanAsync(Env(), Request($"{v3}"), CancellationToken.None);

        Assert.True(plan.IsEmpty);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static SwarmRollbackPlanner Planner(FakeServiceQueries engine, ReleaseStore store) => new(new StackInspector(engine), engine, store, TimeProvider.System);

    private static FakeServiceQueries Engine(IReadOnlyList<ServiceDetails> services, IReadOnlyList<SwarmObjectRef> secrets) => new(services, secrets, [ConfigV1]);

    private static EnvironmentConfig Env() =>
        new("prod", null, "shop", "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>()) { Backend = Backend.Swarm };

    private static RollbackRequest Request(string target) => new([], target, ImageOnly: false, null, null);

    private static SwarmServiceSpec Spec(string image, IReadOnlyList<SwarmObjectRef>? secrets = null, IReadOnlyList<SwarmObjectRef>? configs = null) =>
        new() { Json = $$"""{"image":"{{image}}"}""", Image = image, TaskDigest = image, Secrets = secrets ?? [], Configs = configs ?? [] };

    private static ServiceDetails Service(string name, SwarmServiceSpec spec, ulong version) =>
        new($"id-{name}", $"shop_{name}", version, spec.Image, ServiceMode.Replicated, 1, null, null, [], new Dictionary<string, string>()) { Spec = spec };

    private static async Task<long> AddAsync(ReleaseStore store, SwarmServiceSpec api, SwarmServiceSpec? web = null)
    {
        IEnumerable<ServiceRelease> rows = [Row("api", api), .. web is null ? Array.Empty<ServiceRelease>() : [Row("web", web)]];
        return await store.AddAsync(new Release(0, DateTimeOffset.UtcNow, "record", null, null, null, rows.ToList()), CancellationToken.None);
    }

    private static ServiceRelease Row(string service, SwarmServiceSpec spec) =>
        new(service, $"shop_{service}", spec.Image, spec.Image, true, new ContainerSpec { Image = spec.Image, HostConfigJson = "{}" }) { ServiceSpec = spec, SpecVersion = 1 };
}
