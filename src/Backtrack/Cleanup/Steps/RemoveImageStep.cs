using Backtrack.Planning;

namespace Backtrack.Cleanup.Steps;

/// <summary>
/// Removes an image by a tag (the image goes with its last tag) or, untagged, by its ID. The engine refuses
/// an image a container uses; a tag moved since planning is left alone.
/// </summary>
[StepKind("image.remove")]
public sealed record RemoveImageStep(int Wave, string Reference, string ImageId, string Reason) : PlanStep(Wave, "images")
{
    public override string Describe() =>
        Reference == ImageId
            ? $"remove image {ImageId.Replace("sha256:", "", StringComparison.Ordinal)[..12]}: {Reason}"
            : $"remove image {Reference} ({ImageId.Replace("sha256:", "", StringComparison.Ordinal)[..12]}): {Reason}";

    public override bool BestEffort => true;

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var image = await context.Engine.InspectImageAsync(Reference, ct).ConfigureAwait(false);
        if (image is null)
        {
            return;
        }

        if (image.Id != ImageId)
        {
            throw new BacktrackException($"{Reference} names another image since the plan was made; left alone");
        }

        await context.Engine.RemoveImageAsync(Reference, ct).ConfigureAwait(false);
    }
}
