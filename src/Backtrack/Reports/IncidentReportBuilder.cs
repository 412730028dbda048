using Backtrack.Execution;
using Backtrack.Releases;

namespace Backtrack.Reports;

/// <summary>Builds the incident report from journaled operations, the releases they recorded and their verifications.</summary>
public static class IncidentReportBuilder
{
    /// <summary>Lanes of a plan that are not services.</summary>
    private static readonly HashSet<string> NonServiceLanes = ["images", "release", "verify", "logs"];

    /// <param name="reusedBefore">Per operation, the release it referenced as its state before instead of recording one (<see cref="ReuseReleaseStep"/>).</param>
    public static IncidentReport Build(
        string environment,
        IReadOnlyList<OperationRecord> operations,
        IReadOnlyList<Release> releases,
        IReadOnlyList<OperationVerification> verifications,
        IReadOnlyDictionary<string, long>? reusedBefore = null)
    {
        if (operations.Count == 0)
        {
            throw new BacktrackException("no operation in the journal for this report; 'backtrack history' lists them");
        }

        var ordered = operations.OrderBy(o => o.Started).ToList();
        var ids = ordered.Select(o => o.Id).ToHashSet();
        var end = ordered.All(o => o.Ended is not null) ? ordered.Max(o => o.Ended) : null;
        var affected = ordered.SelectMany(o => o.Steps).Select(s => s.Lane).Where(l => !NonServiceLanes.Contains(l)).Distinct().Order(StringComparer.Ordinal).ToList();
        var snapshots = ordered.SelectMany(o => o.Steps)
            .Where(s => s.Kind is "snapshot.safety" or "snapshot.full-safety" && s.Phase == "apply" && s.Outcome == "ok")
            .Select(s => s.Description)
            .ToList();
        return new IncidentReport(
            environment,
            ordered[0].Started,
            end,
            ordered,
            affected,
            Downtime(ordered),
            Changes(ordered, releases, reusedBefore ?? new Dictionary<string, long>()),
            snapshots,
            verifications.Where(v => ids.Contains(v.OperationId)).ToList());
    }

    /// <summary>
    /// Per service, summed over the operations: the old container's stop to the new one's passing gate (or the old
    /// one's restart on undo); none for a start-first swap.
    /// </summary>
    internal static IReadOnlyList<ServiceDowntime> Downtime(IReadOnlyList<OperationRecord> operations)
    {
        var totals = new SortedDictionary<string, (TimeSpan? Total, List<string> Measured)>(StringComparer.Ordinal);
        foreach (var lane in operations.SelectMany(o => o.Steps.GroupBy(s => s.Lane)))
        {
            var stop = lane.FirstOrDefault(s => s.Kind == "container.stop" && s.Phase == "apply");
            if (stop is null)
            {
                continue;
            }

            var gate = lane.LastOrDefault(s => s.Kind == "health.gate" && s.Phase == "apply" && s.Outcome == "ok" && s.Ended is not null);
            var restart = lane.LastOrDefault(s => s.Kind == "container.stop" && s.Phase == "compensate" && s.Outcome == "ok" && s.Ended is not null);
            // Start-first: the new container passed its gate and served before the old one stopped (and, undone, until it ran again).
            var startFirst = lane.Any(s => s.Kind == "container.drain" && s.Phase == "apply");
            var (until, how) = startFirst
                ? (stop.Started, "none: start-first, the new container passed its gate before the old one stopped")
                : gate is not null
                    ? (gate.Ended, "stop of the old container to the new one's passing health gate")
                    : restart is not null
                        ? (restart.Ended, "stop of the old container to its restart when the operation was undone")
                        : ((DateTimeOffset?)null, "not measurable: no passing health gate was journaled");
            var (total, measured) = totals.GetValueOrDefault(lane.Key, (TimeSpan.Zero, []));
            totals[lane.Key] = (total is { } t && until is { } u ? t + (u - stop.Started) : null, [.. measured, how]);
        }

        return totals.Select(p => new ServiceDowntime(p.Key, p.Value.Total, string.Join("; ", p.Value.Measured.Distinct()))).ToList();
    }

    private static IReadOnlyList<ServiceChange> Changes(
        IReadOnlyList<OperationRecord> operations, IReadOnlyList<Release> releases, IReadOnlyDictionary<string, long> reusedBefore)
    {
        var changes = new List<ServiceChange>();
        foreach (var operation in operations)
        {
            var mine = releases.Where(r => r.OperationId == operation.Id).OrderBy(r => r.Id).ToList();
            var before = mine.FirstOrDefault(r => r.Origin.StartsWith("before", StringComparison.Ordinal))
                ?? (reusedBefore.TryGetValue(operation.Id, out var reused) ? releases.FirstOrDefault(r => r.Id == reused) : null);
            var after = mine.LastOrDefault(r => r != before);
            if (before is null)
            {
                continue;
            }

            foreach (var from in before.Services)
            {
                var to = after?.Service(from.Service);
                if (to is not null && to.ImageId == from.ImageId && to.Image == from.Image && after?.GitCommit == before.GitCommit)
                {
                    continue;
                }

                if (to is null && !operation.Steps.Any(s => s.Lane == from.Service))
                {
                    continue;
                }

                changes.Add(new ServiceChange(from.Service, from.Image, from.ImageId, to?.Image, to?.ImageId, before.GitCommit, after?.GitCommit));
            }
        }

        return changes;
    }
}
