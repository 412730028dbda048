using Backtrack.Configuration;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Tests.Rollback.Backends;

/// <summary>The Compose backend: the container rollback planner over a fake project, a container per service.</summary>
public sealed class ComposePlannerBackend : PlannerBackend
{
    public override ServiceRelease Row(string service, string image) =>
        new(service, $"{Project}-{service}-1", image, FakeComposeEngine.ImageId(image), true, FakeComposeEngine.Spec(Project, service, image));

    public override Task<Plan> PlanAsync(ReleaseStore store, RollbackRequest request)
    {
        var engine = new FakeComposeEngine(Project, Running);
        var env = new EnvironmentConfig("prod", null, Project, "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>());
        return new RollbackPlanner(engine, new ProjectInspector(engine), store, TimeProvider.System).PlanAsync(env, request, CancellationToken.None);
    }

    public override string? TargetImage(Plan plan, string service) =>
        plan.Steps.OfType<CreateContainerStep>().SingleOrDefault(s => s.Lane == service)?.Spec.Image;

    public override string PlannedAgainst(Plan plan, string service) => plan.Steps.OfType<ExpectContainerStep>().Single(s => s.Lane == service).ContainerId;

    public override string StateNow(string service) => FakeComposeEngine.ContainerId(service, Running[service]);
}
