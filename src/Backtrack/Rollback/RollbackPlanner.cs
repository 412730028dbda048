using System.Globalization;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;
using Backtrack.Status;
using Backtrack.Verify;

namespace Backtrack.Rollback;

/// <summary>
/// Plans a quick rollback: for each service, the exact target (a recorded release's spec and image, or
/// an image with the current spec), then the swap steps, services ordered by their Compose dependencies.
/// Planning reads only; it changes nothing. With a host named, it plans that host of a multi-host
/// environment: its part of each release is the release (<see cref="Release.OnHost"/>).
/// </summary>
public sealed class RollbackPlanner(IImageQueries engine, ProjectInspector inspector, ReleaseStore releases, TimeProvider clock, string? host = null) : IRollbackPlanning
{
    private const int HistoryDepth = 500;

    /// <summary>How far back the checklist at the end of a rollback reads the services' logs.</summary>
    public static readonly TimeSpan VerifyWindow = TimeSpan.FromMinutes(5);

    public async Task<Plan> PlanAsync(EnvironmentConfig env, RollbackRequest request, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        var current = CurrentContainers(env, services, request);
        var targets = await ResolveTargetsAsync(current, request, ct).ConfigureAwait(false);
        var changes = targets.Where(t => !t.Unchanged).ToList();
        var planId = request.PlanId ?? Plan.NewId(clock);
        if (changes.Count == 0)
        {
            return new Plan(planId, "rollback", $"nothing to roll back: {string.Join(", ", targets.Select(t => t.Service))} already run the target", []);
        }

        var steps = new List<PlanStep>();
        foreach (var change in changes)
        {
            steps.Add(new ExpectContainerStep(0, change.Service, change.Current.Name, change.Current.Id));
        }

        steps.AddRange(changes.Select(c => c.Spec.Image).Distinct().Select(image => new EnsureImageStep(0, "images", image)));
        steps.Add(await RecordBeforeAsync(env, services, request, ct).ConfigureAwait(false));

        var levels = DependencyLevels(changes.Select(c => c.Current).ToList());
        foreach (var change in changes)
        {
            steps.AddRange(change.Swap(env).Steps(
                1 + levels[change.Service], planId, request.StopTimeout ?? env.StopTimeout, request.HealthTimeout ?? env.HealthTimeout));
        }

        var last = 2 + levels.Values.Max();
        steps.AddRange(ClosingWave(last, request, changes.Select(c => new PruneAsideStep(last, c.Service, env.Project, c.Current.Name, env.KeepAside))));

        var summary = string.Join("; ", changes.Select(c =>
            $"{c.Service}: {c.Current.Spec.Image} ({Short(c.Current.ImageId)}) -> {c.Description}, {c.Swap(env).Choose().Reason}"));
        return new Plan(planId, "rollback", summary, steps);
    }

    /// <summary>
    /// The record of the state before: when the newest release already records what runs (the containers just
    /// inspected, and the deploy repository's commit), the plan references it instead of recording it again. Not for
    /// one host of several (the multi-host plan records every host) nor for a failed deploy, which must be marked as such.
    /// </summary>
    private async Task<PlanStep> RecordBeforeAsync(
        EnvironmentConfig env, IReadOnlyList<ServiceContainer> services, RollbackRequest request, CancellationToken ct)
    {
        if (host is null && request.RecordBeforeAs == ReleaseOrigins.BeforeRollback
            && await releases.ListAsync(1, ct).ConfigureAwait(false) is [var newest]
            && await RunningRelease.DescribesAsync(newest, services, env.Git, ct).ConfigureAwait(false))
        {
            return new ReuseReleaseStep(0, newest.Id);
        }

        return new RecordReleaseStep(0, request.RecordBeforeAs, request.BeforeNote);
    }

    /// <summary>
    /// The last wave, after every gate: the record of what runs now, the clean-up and the checklist, in parallel
    /// lanes. The checklist does not wait for the record: nothing it checks depends on it, and its restart window
    /// already runs from each new container's start, so the record is written while the window runs out.
    /// </summary>
    internal static IEnumerable<PlanStep> ClosingWave(int wave, RollbackRequest request, IEnumerable<PruneAsideStep> prunes)
    {
        yield return new RecordReleaseStep(wave, "rollback", $"after rollback to {request.Target}");
        foreach (var prune in prunes)
        {
            yield return prune;
        }

        if (request.Verify)
        {
            yield return new VerifyStep(wave, VerifyWindow);
        }
    }

    private static List<ContainerDetails> CurrentContainers(
        EnvironmentConfig env, IReadOnlyList<ServiceContainer> services, RollbackRequest request)
    {
        var wanted = request.Services.Count == 0 ? services.Select(s => s.Service).Distinct().ToList() : request.Services;
        return wanted.Select(service => ProjectInspector.OnlyContainer(env, services, service)).ToList();
    }

    private async Task<IReadOnlyList<RollbackTarget>> ResolveTargetsAsync(
        IReadOnlyList<ContainerDetails> current, RollbackRequest request, CancellationToken ct)
    {
        var serviceNames = current.Select(c => c.Spec.Labels.GetValueOrDefault(ComposeLabels.Service, c.Name)).ToList();
        var target = request.Target;
        if (target == RollbackRequest.Previous || IsReleaseNumber(target))
        {
            var release = await FindReleaseAsync(current, serviceNames, target, ct).ConfigureAwait(false);
            var resolved = new List<RollbackTarget>();
            foreach (var (container, service) in current.Zip(serviceNames))
            {
                if (release.Service(service) is not { } recorded)
                {
                    if (request.Services.Count > 0)
                    {
                        throw new BacktrackException($"release {release.Id} has no service '{service}'");
                    }

                    continue;
                }

                var image = await ImageForAsync(recorded, ct).ConfigureAwait(false);
                var spec = (request.ImageOnly ? container.Spec : recorded.Spec) with { Image = image };
                resolved.Add(new RollbackTarget(service, container, spec, $"release {release.Id}: {image} ({Short(recorded.ImageId)})",
                    recorded.ImageId == container.ImageId && RunningRelease.SameSpec(spec, container.Spec)));
            }

            return resolved;
        }

        var images = current.Select(c => ImageReference(c.Spec.Image, target)).ToList();
        if (!images.All(ImageReferenceGrammar.IsValid))
        {
            throw new BacktrackException(
                $"--to: '{target}' is no image tag, reference or ID; give previous, a release number ('backtrack releases'), a tag (v1.2), "
                + $"a reference (host:5000/repo:tag, repo@sha256:<64 hex>) or an image ID ('backtrack versions {serviceNames[0]}' lists candidates)");
        }

        return await Task.WhenAll(current.Zip(serviceNames, images).Select(async triple =>
        {
            var (container, service, image) = triple;
            var details = await engine.InspectImageAsync(image, ct).ConfigureAwait(false);
            var spec = container.Spec with { Image = image };
            return new RollbackTarget(service, container, spec, image, details?.Id == container.ImageId && RunningRelease.SameSpec(spec, container.Spec));
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// "previous": the newest release in which one of the services ran another image than now, never one that failed a watch window.
    /// A number: that release.
    /// </summary>
    private async Task<Release> FindReleaseAsync(
        IReadOnlyList<ContainerDetails> current, IReadOnlyList<string> services, string target, CancellationToken ct)
    {
        if (target != RollbackRequest.Previous)
        {
            var release = long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await releases.GetAsync(id, ct).ConfigureAwait(false) is { } found ? OnThisHost(found) : null
                : null;
            return release ?? throw new BacktrackException($"no release {target}; 'backtrack releases' lists them");
        }

        var history = (await releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false)).Select(OnThisHost);
        // A deploy that failed its watch window is never a target: rolling back to it would loop.
        return history.Where(r => !ReleaseOrigins.FailedItsWindow(r)).FirstOrDefault(r => current.Zip(services).Any(p => r.Service(p.Second) is { } s && s.ImageId != p.First.ImageId))
            ?? throw new BacktrackException(
                $"no earlier release of {string.Join(", ", services)} is recorded; run 'backtrack record' after each deploy, "
                + $"or name a target with --to TAG|IMAGE_ID ('backtrack versions {services[0]}' lists candidates)");
    }

    private Release OnThisHost(Release release) => host is null ? release : release.OnHost(host);

    /// <summary>The release's image reference while it still names the same image; its image ID once the tag has moved.</summary>
    private async Task<string> ImageForAsync(ServiceRelease recorded, CancellationToken ct)
    {
        var byReference = await engine.InspectImageAsync(recorded.Image, ct).ConfigureAwait(false);
        return byReference?.Id == recorded.ImageId ? recorded.Image : recorded.ImageId;
    }

    /// <summary>A bare tag means the current image's repository at that tag; an ID or full reference is taken as is.</summary>
    internal static string ImageReference(string currentImage, string target)
    {
        if (target.Contains(':', StringComparison.Ordinal) || target.Contains('/', StringComparison.Ordinal) || ImageReferenceGrammar.IsImageId(target))
        {
            return target;
        }

        return $"{Engine.ImageReference.Parse(currentImage).Name}:{target}";
    }

    /// <summary>Digits name a release, however many: a number too large for one is no release, not a tag.</summary>
    private static bool IsReleaseNumber(string target) => target.Length > 0 && target.All(char.IsAsciiDigit);

    /// <summary>Rollback order: a service after the services it depends on (Compose's depends_on label).</summary>
    internal static Dictionary<string, int> DependencyLevels(IReadOnlyList<ContainerDetails> containers)
    {
        var services = containers.ToDictionary(c => c.Spec.Labels.GetValueOrDefault(ComposeLabels.Service, c.Name), c => c);
        var levels = new Dictionary<string, int>();
        int Level(string service, int depth)
        {
            if (levels.TryGetValue(service, out var known))
            {
                return known;
            }

            var dependencies = DependsOn(services[service]).Where(services.ContainsKey).ToList();
            var level = depth > services.Count || dependencies.Count == 0 ? 0 : 1 + dependencies.Max(d => Level(d, depth + 1));
            levels[service] = level;
            return level;
        }

        foreach (var service in services.Keys)
        {
            Level(service, 0);
        }

        return levels;
    }

    /// <summary>Compose v2 writes "db:service_started:false,cache:service_healthy:true".</summary>
    private static IEnumerable<string> DependsOn(ContainerDetails container) =>
        container.Spec.Labels.TryGetValue(ComposeLabels.DependsOn, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.Split(':')[0])
            : [];

    private static string Short(string imageId) => imageId.Replace("sha256:", "", StringComparison.Ordinal)[..12];

    private sealed record RollbackTarget(string Service, ContainerDetails Current, ContainerSpec Spec, string Description, bool Unchanged)
    {
        public ContainerSwap Swap(EnvironmentConfig env) => new(Service, Current, Spec, env.ServiceOrDefault(Service));
    }
}
