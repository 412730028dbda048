using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Pins a swarm service whose stack-file image line has no variable: the line names the running image, so
/// the next 'docker stack deploy' keeps it. Every such step writes the same file: one lane, one after the other.
/// </summary>
[StepKind("swarm.pin-image")]
public sealed record PinStackImageStep(string Service, string StackFilePath, string Image, string PreviousImage) : PlanStep(0, "stack-file")
{
    public override string Describe() => $"write image {Image} for {Service} into {StackFilePath}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => StackFileImage.SetAsync(StackFilePath, Service, Image, ct);

    public override string DescribeCompensation() => $"put the image line of {Service} in {StackFilePath} back to {PreviousImage}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => StackFileImage.SetAsync(StackFilePath, Service, PreviousImage, ct);
}
