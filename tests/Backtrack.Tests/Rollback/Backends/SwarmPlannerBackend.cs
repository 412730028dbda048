using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;
using Backtrack.Tests.Swarm;

namespace Backtrack.Tests.Rollback.Backends;

/// <summary>The Swarm backend: the stack rollback planner over a fake manager; each service's version index is 40 plus its name's length.</summary>
public sealed class SwarmPlannerBackend : PlannerBackend
{
    public override ServiceRelease Row(string service, string image) =>
        new(service, Name(service), image, image, true, new ContainerSpec { Image = image, HostConfigJson = "{}" }) { ServiceSpec = Spec(image), SpecVersion = 1 };

    public override Task<Plan> PlanAsync(ReleaseStore store, RollbackRequest request)
    {
        var engine = new FakeServiceQueries(
            Running.Select(p => new ServiceDetails(
                $"id-{p.Key}", Name(p.Key), Version(p.Key), p.Value, ServiceMode.Replicated, 1, null, null, [], new Dictionary<string, string>()) { Spec = Spec(p.Value) }).ToList(),
            [],
            []);
        var env = new EnvironmentConfig("prod", null, Project, "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>())
        {
            Backend = Backend.Swarm,
        };
        return new SwarmRollbackPlanner(new StackInspector(engine), engine, store, TimeProvider.System).PlanAsync(env, request, CancellationToken.None);
    }

    public override string? TargetImage(Plan plan, string service) => plan.Steps.OfType<UpdateServiceStep>().SingleOrDefault(s => s.Lane == service)?.Spec.Image;

    public override string PlannedAgainst(Plan plan, string service) =>
        $"{plan.Steps.OfType<UpdateServiceStep>().Single(s => s.Lane == service).Version}";

    public override string StateNow(string service) => $"{Version(service)}";

    private static string Name(string service) => $"{Project}_{service}";

    private static ulong Version(string service) => 40 + (ulong)service.Length;

    private static SwarmServiceSpec Spec(string image) => new() { Json = $$"""{"image":"{{image}}"}""", Image = image, TaskDigest = image };
}
