using System.Globalization;
using Backtrack.Configuration;
using Backtrack.Drift;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Swarm.Steps;
using Backtrack.Verify;

namespace Backtrack.Swarm;

/// <summary>
/// Plans a rollback of a swarm stack's services to a recorded release, at any depth: each changed service
/// updated to its recorded whole spec as of the version read now, then gated; the services in parallel,
/// atomically (the executor undoes every update when one gate fails). Planning reads only.
/// </summary>
public sealed class SwarmRollbackPlanner(StackInspector inspector, IServiceQueries engine, ReleaseStore releases, TimeProvider clock) : IRollbackPlanning
{
    private const int HistoryDepth = 500;

    public async Task<Plan> PlanAsync(EnvironmentConfig env, RollbackRequest request, CancellationToken ct)
    {
        if (request.ImageOnly)
        {
            throw new BacktrackException("--image-only does not apply to a swarm environment: a rollback applies the release's whole service spec; leave it out");
        }

        var current = Wanted(env, await inspector.ServicesAsync(env, ct).ConfigureAwait(false), request);
        var release = await FindReleaseAsync(current, request.Target, ct).ConfigureAwait(false);
        var changes = Targets(current, release, named: request.Services.Count > 0).Where(t => t.Current.Spec!.Json != t.Spec.Json).ToList();
        var planId = request.PlanId ?? Plan.NewId(clock);
        if (changes.Count == 0)
        {
            return new Plan(planId, "rollback", $"nothing to roll back: {string.Join(", ", current.Select(s => s.Service))} already run release {release.Id}", []);
        }

        await SwarmObjects.RefuseMissingAsync(
                engine, $"release {release.Id}", "roll back to a later release ('backtrack releases')", changes.Select(c => (c.Service, c.Spec)), ct)
            .ConfigureAwait(false);
        var timeout = request.HealthTimeout ?? env.HealthTimeout;
        var steps = new List<PlanStep> { new RecordReleaseStep(0, request.RecordBeforeAs, request.BeforeNote) };
        foreach (var change in changes)
        {
            var details = change.Current;
            steps.Add(new UpdateServiceStep(1, change.Service, details.Id, details.Name, details.Version, change.Spec, details.Spec!));
            steps.Add(new ServiceGateStep(1, change.Service, details.Name, timeout));
        }

        steps.Add(new RecordReleaseStep(2, "rollback", $"after rollback to release {release.Id}"));
        if (request.Verify)
        {
            // The closing checklist, beside the record as on Compose (RollbackPlanner.ClosingWave).
            steps.Add(new VerifyStep(2, RollbackPlanner.VerifyWindow));
        }

        var summary = string.Join("; ", changes.Select(c => $"{c.Service}: {c.Current.Spec!.Image} (version {c.Current.Version}) -> release {release.Id}: {c.Spec.Image}"));
        return new Plan(planId, "rollback", summary, steps);
    }

    private static List<(string Service, ServiceDetails Details)> Wanted(EnvironmentConfig env, IReadOnlyList<StackService> services, RollbackRequest request)
    {
        var deployed = services.Where(s => s.Details?.Spec is not null).ToDictionary(s => s.Service, s => s.Details!, StringComparer.Ordinal);
        var wanted = request.Services.Count == 0 ? deployed.Keys.ToList() : request.Services;
        return wanted.Select(name => deployed.TryGetValue(name, out var details)
                ? (name, details)
                : throw new BacktrackException($"stack '{env.Project}' has no deployed service '{name}'; deployed: {string.Join(", ", deployed.Keys)}"))
            .ToList();
    }

    /// <summary>
    /// "previous": the newest release in which one of the services ran another spec than now. A number: that
    /// release. Anything else is an image: the newest release whose spec of every service runs it.
    /// </summary>
    private async Task<Release> FindReleaseAsync(IReadOnlyList<(string Service, ServiceDetails Details)> current, string target, CancellationToken ct)
    {
        if (target.Length > 0 && target.All(char.IsAsciiDigit))
        {
            var release = long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await releases.GetAsync(id, ct).ConfigureAwait(false) : null;
            return release ?? throw new BacktrackException($"no release {target}; 'backtrack releases' lists them");
        }

        var history = await releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false);
        if (target != RollbackRequest.Previous)
        {
            return ReleaseRunning(history, current, target);
        }

        return history.FirstOrDefault(r => current.Any(c => r.Service(c.Service)?.ServiceSpec is { } spec && spec.TaskDigest != c.Details.Spec!.TaskDigest))
            ?? throw new BacktrackException(
                $"no earlier release of {string.Join(", ", current.Select(c => c.Service))} is recorded; run 'backtrack record' after each 'docker stack deploy'");
    }

    /// <summary>A bare tag is the running image's repository at that tag, as for Compose; a reference or an image ID as it is.</summary>
    private static Release ReleaseRunning(IReadOnlyList<Release> history, IReadOnlyList<(string Service, ServiceDetails Details)> current, string target)
    {
        var images = current.Select(c => (c.Service, Image: RollbackPlanner.ImageReference(c.Details.Image.Split('@')[0], target))).ToList();
        if (!images.All(i => ImageReferenceGrammar.IsValid(i.Image)))
        {
            throw new BacktrackException(
                $"--to: '{target}' is no image tag, reference or ID; give previous, a release number ('backtrack releases'), a tag (v1.2), a reference or an image ID");
        }

        return history.FirstOrDefault(r => images.All(i => Runs(r.Service(i.Service), i.Image)))
            ?? throw new BacktrackException(
                $"no recorded release runs {string.Join(", ", images.Select(i => $"{i.Image} for {i.Service}"))}; 'backtrack releases' lists what was recorded on this stack");
    }

    /// <summary>Whether a recorded swarm spec runs the image: the same repository and tag (or digest), or the image ID recorded with it.</summary>
    private static bool Runs(ServiceRelease? recorded, string image) =>
        recorded?.ServiceSpec is { } spec && (ImageReferenceGrammar.IsImageId(image)
            ? recorded.ImageId.Replace("sha256:", "", StringComparison.Ordinal).StartsWith(image.Replace("sha256:", "", StringComparison.Ordinal), StringComparison.Ordinal)
            : ImageReference.Parse(spec.Image).SameImageAs(ImageReference.Parse(image)));

    private static IEnumerable<(string Service, ServiceDetails Current, SwarmServiceSpec Spec)> Targets(
        IReadOnlyList<(string Service, ServiceDetails Details)> current, Release release, bool named)
    {
        foreach (var (service, details) in current)
        {
            switch (release.Service(service))
            {
                case { ServiceSpec: { } spec }:
                    yield return (service, details, spec);
                    break;
                case { }:
                    throw new BacktrackException($"release {release.Id} recorded '{service}' from a Compose project, not a swarm service; name a release recorded on this stack");
                case null when named:
                    throw new BacktrackException($"release {release.Id} has no service '{service}'");
            }
        }
    }
}
