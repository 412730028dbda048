using System.Text;
using Backtrack.Compose;
using Backtrack.Engine;

namespace Backtrack.Init;

public sealed record DiscoveredService(string Name, string HealthCheck);

public sealed record DiscoveredProject(string Project, IReadOnlyList<DiscoveredService> Services);

/// <summary>Finds Compose projects by the labels Compose puts on containers, and proposes a health check per service.</summary>
public sealed class ProjectDiscovery(IContainerQueries engine)
{
    public async Task<IReadOnlyList<DiscoveredProject>> DiscoverAsync(string? onlyProject, CancellationToken ct)
    {
        var labels = new Dictionary<string, string?> { [ComposeLabels.Project] = onlyProject, [ComposeLabels.Service] = null };
        var containers = await engine.ListContainersAsync(labels, ct).ConfigureAwait(false);
        var projects = new List<DiscoveredProject>();
        foreach (var project in containers.Where(c => !ContainerNames.IsAside(c.Name)).GroupBy(c => c.Labels[ComposeLabels.Project]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var services = new List<DiscoveredService>();
            foreach (var service in project.GroupBy(c => c.Labels[ComposeLabels.Service]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var details = await engine.InspectContainerAsync(service.First().Id, ct).ConfigureAwait(false);
                services.Add(new DiscoveredService(service.Key, details is null ? "docker" : ProposeCheck(details)));
            }

            projects.Add(new DiscoveredProject(project.Key, services));
        }

        return projects;
    }

    /// <summary>The container's own HEALTHCHECK when it has one; else GET /health on a published port; else none.</summary>
    internal static string ProposeCheck(ContainerDetails container)
    {
        if (container.HealthTest is [not "NONE", ..])
        {
            return "docker";
        }

        var port = container.Ports.FirstOrDefault(p => p.ContainerPort.EndsWith("/tcp", StringComparison.Ordinal) && p.HostPort.Length > 0);
        return port is null ? "none" : $"http://127.0.0.1:{port.HostPort}/health";
    }

    public static string ToYaml(IReadOnlyList<DiscoveredProject> projects, string? engineEndpoint)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by 'backtrack init'. Health: an http(s) URL, 'docker' (the container's HEALTHCHECK) or 'none'.");
        yaml.AppendLine("environments:");
        foreach (var project in projects)
        {
            yaml.AppendLine($"  {project.Project}:");
            if (engineEndpoint is not null)
            {
                yaml.AppendLine($"    engine: {engineEndpoint}");
            }

            yaml.AppendLine($"    project: {project.Project}");
            yaml.AppendLine($"    stateDir: .backtrack/{project.Project}");
            yaml.AppendLine("    healthTimeout: 30s");
            yaml.AppendLine("    services:");
            foreach (var service in project.Services)
            {
                yaml.AppendLine($"      {service.Name}:");
                yaml.AppendLine($"        health: {service.HealthCheck}");
            }
        }

        return yaml.ToString();
    }
}
