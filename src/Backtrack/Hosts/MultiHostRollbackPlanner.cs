using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;

namespace Backtrack.Hosts;

/// <summary>
/// Plans a rollback on every host of the environment as ONE plan: each host's plan (the quick rollback's,
/// against its own engine and its part of the release history) becomes lanes of its own, so the hosts swap
/// in parallel and a failure on one undoes what ran on all. Every host must hold the target images first; the
/// checklist runs on every host at the end (<see cref="VerifyHostsStep"/>).
/// </summary>
public sealed class MultiHostRollbackPlanner(HostSet hosts, ReleaseStore releases, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(RollbackRequest request, CancellationToken ct)
    {
        // One ID for every host: the aside containers' names carry the operation's ID.
        var planId = Plan.NewId(clock);
        var hostRequest = request with { Verify = false, PlanId = planId };
        var perHost = await Task.WhenAll(hosts.All.Select(async host =>
        {
            var planner = new RollbackPlanner(host.Engine, host.Inspector, releases, clock, host.Name);
            return (Host: host, Plan: await planner.PlanAsync(host.Config, hostRequest, ct).ConfigureAwait(false));
        })).ConfigureAwait(false);

        // Refused before anything changes when a host lacks an image its plan needs: no host pulls while another has swapped.
        var images = perHost.SelectMany(p => p.Plan.Steps.OfType<EnsureImageStep>().Select(s => s.Image).Distinct()
            .Select(image => new HostImageCheck(p.Host.Name, p.Host.Engine, image))).ToList();
        await HostImageCheck.RequireAllAsync(images, ct).ConfigureAwait(false);

        var summary = string.Join("; ", perHost.Select(p => $"{p.Host.Name}: {p.Plan.Summary}"));
        var steps = perHost.SelectMany(p => p.Plan.Steps
                .Where(s => s is not RecordReleaseStep)
                .Select(s => (PlanStep)new OnHostStep(s.Wave, $"{p.Host.Name}/{s.Lane}", p.Host.Target, s)))
            .ToList();
        if (steps.Count == 0)
        {
            return new Plan(planId, "rollback", summary, []);
        }

        // One release for all hosts before and after, as 'record' makes; the checklist on every host beside the last.
        var closing = steps.Max(s => s.Wave) + 1;
        steps.Insert(0, new RecordReleaseStep(0, request.RecordBeforeAs, request.BeforeNote));
        steps.Add(new RecordReleaseStep(closing, "rollback", $"after rollback to {request.Target}"));
        if (request.Verify)
        {
            steps.Add(new VerifyHostsStep(closing, hosts.All.Select(h => h.Target).ToList(), RollbackPlanner.VerifyWindow));
        }

        return new Plan(planId, "rollback", summary, steps);
    }
}
