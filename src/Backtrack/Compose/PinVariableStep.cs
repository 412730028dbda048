using Backtrack.Planning;

namespace Backtrack.Compose;

/// <summary>Pins a service by the .env variable its image line uses, so 'docker compose up -d' keeps the running image.</summary>
/// <remarks>
/// All pin steps share one lane: they write the same files, one after the other. <see cref="CreatesFile"/>: the
/// project had no .env when planned, so undoing removes the file the pin made rather than leave it empty.
/// </remarks>
[StepKind("compose.pin-variable")]
public sealed record PinVariableStep(string Service, string EnvFilePath, string Variable, string Value, string? PreviousValue, string Image, bool CreatesFile = false)
    : PlanStep(0, "compose")
{
    public override string Describe() => $"set {Variable} in {EnvFilePath} so Compose runs {Image} for {Service}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => EnvFile.SetAsync(EnvFilePath, Variable, Value, ct);

    public override string DescribeCompensation() => $"put {Variable} in {EnvFilePath} back as it was";

    public override Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (CreatesFile)
        {
            File.Delete(EnvFilePath);
            return Task.CompletedTask;
        }

        return EnvFile.SetAsync(EnvFilePath, Variable, PreviousValue, ct);
    }
}
