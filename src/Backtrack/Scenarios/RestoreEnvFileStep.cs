using Backtrack.Compose;
using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>Copies a saved env file over the project's; the replaced file is kept (0600) for the undo. Values are never printed.</summary>
[StepKind("env-file.restore")]
public sealed record RestoreEnvFileStep(int Wave, string Target, string Source, string KeptPath, EnvDiff Diff) : PlanStep(Wave, "config")
{
    public override string Describe() => $"restore {Target} from {Source}: {Diff.Describe()}; keep the replaced file as {KeptPath}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        await KeptFile.KeepAsync(Target, KeptPath, ct).ConfigureAwait(false);
        ProjectFileWriter.CopyOver(Source, Target);
    }

    public override string DescribeCompensation() => $"put the replaced {Target} back from {KeptPath}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        KeptFile.PutBack(Target, KeptPath);
        return Task.CompletedTask;
    }
}
