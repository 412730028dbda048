using System.Text;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Init;

public sealed record DiscoveredService(string Name, string HealthCheck);

/// <summary>A Compose project or a Swarm stack found on the engine, with its services.</summary>
public sealed record DiscoveredProject(string Project, IReadOnlyList<DiscoveredService> Services, Backend Backend = Backend.Compose);

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
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            // A stack may share its name with a Compose project; environment names must differ.
            var name = names.Add(project.Project) ? project.Project : $"{project.Project}-{project.Backend.ToString().ToLowerInvariant()}";
            names.Add(name);
            yaml.AppendLine($"  {name}:");
            if (engineEndpoint is not null)
            {
                yaml.AppendLine($"    engine: {engineEndpoint}");
            }

            yaml.AppendLine(project.Backend is Backend.Swarm ? $"    backend: swarm\n    stack: {project.Project}" : $"    project: {project.Project}");
            yaml.AppendLine($"    stateDir: .backtrack/{name}");
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
