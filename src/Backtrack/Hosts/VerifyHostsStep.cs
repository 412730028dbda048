using Backtrack.Planning;
using Backtrack.Verify;

namespace Backtrack.Hosts;

/// <summary>
/// The last step of a multi-host rollback: the checklist on every host at once (each against its own engine
/// and project), combined into the operation's one result, its subjects named HOST/SERVICE; a host whose
/// engine cannot be reached fails its "engine" check. Best effort, as <see cref="VerifyStep"/>. A host has no restart watch begun with the operation: its restart window runs
/// from the checklist's start.
/// </summary>
[StepKind("hosts.verify")]
public sealed record VerifyHostsStep(int Wave, IReadOnlyList<HostTarget> Hosts, TimeSpan Window) : PlanStep(Wave, "verify"), IChecklistStep
{
    public override string Describe() =>
        $"on {string.Join(", ", Hosts.Select(h => h.Name))}: " + new VerifyStep(Wave, Window).Describe();

    public override bool BestEffort => true;

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        if (context.Verifications is not { } store)
        {
            throw new BacktrackException("verification is not available in this context");
        }

        var set = context.Get<HostSet>();
        var reports = await Task.WhenAll(Hosts.Select(async target =>
        {
            var host = set.For(target);
            try
            {
                return (target.Name, await host.Verifier.RunAsync(host.Config, Window, ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is BacktrackException or IOException)
            {
                // One unreachable host fails its own check; the other hosts' checklists still count.
                return (target.Name, new VerifyReport(context.Clock.GetUtcNow(), Window, [new VerifyCheck("engine", target.Name, false, e.Message)]));
            }
        })).ConfigureAwait(false);
        await VerifyStep.ConcludeAsync(context, store, VerifyReport.OnHosts(reports, Window), ct).ConfigureAwait(false);
    }
}
