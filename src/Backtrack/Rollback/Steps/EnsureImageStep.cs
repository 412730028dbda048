using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Makes sure the target image is on the engine, pulling it when the engine can, before anything is stopped.</summary>
[StepKind("image.ensure")]
public sealed record EnsureImageStep(int Wave, string Lane, string Image) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"ensure image {Image} is present";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        if (await context.Engine.InspectImageAsync(Image, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        await context.Engine.PullImageAsync(Image, ct).ConfigureAwait(false);
    }
}
