using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>With no redeploy command, CI/CD deploys the pushed commit: polls the engine until every service runs the target release's image.</summary>
[StepKind("deploy.wait-for-images")]
public sealed record WaitForImagesStep(int Wave, IReadOnlyDictionary<string, string> ImageIds, long ReleaseId, TimeSpan Timeout) : PlanStep(Wave, "deploy")
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override string Describe() =>
        $"wait for CI/CD until {string.Join(", ", ImageIds.Keys)} run the images of release {ReleaseId} (at most {Timeout.TotalSeconds:0.#} s)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var inspector = new Status.ProjectInspector(context.Engine);
        var until = context.Clock.GetUtcNow() + Timeout;
        while (true)
        {
            var services = await inspector.ServicesAsync(context.Environment, ct).ConfigureAwait(false);
            var waiting = ImageIds
                .Where(p => !services.Any(s => s.Service == p.Key && s.Container is { State.Running: true } c && c.ImageId == p.Value))
                .Select(p => p.Key)
                .ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            if (context.Clock.GetUtcNow() + Interval > until)
            {
                throw new BacktrackException($"CI/CD did not deploy release {ReleaseId} within {Timeout.TotalSeconds:0.#} s: {string.Join(", ", waiting)} run other images");
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }
}
