using System.ComponentModel;
using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Backtrack.Engine.Docker;
using Backtrack.Init;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class InitSettings : CommandSettings
{
    [CommandOption("--engine <ENDPOINT>")]
    [Description("Engine endpoint: unix://, tcp:// or ssh://[[user@]]host (default: DOCKER_HOST, the docker CLI's current context, the local socket)")]
    public string? Engine { get; init; }

    [CommandOption("--project <NAME>")]
    [Description("Only this Compose project or Swarm stack")]
    public string? Project { get; init; }

    [CommandOption("-c|--config <FILE>")]
    [Description("Where to write (default: ./backtrack.yml)")]
    public string? Config { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite an existing file")]
    public bool Force { get; init; }
}

/// <summary>backtrack init: finds the Compose projects and Swarm stacks on the engine by their labels and writes a starting config.</summary>
public sealed class InitCommand : AsyncCommand<InitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.Config ?? BacktrackConfig.DefaultFileName);
        if (File.Exists(path) && !settings.Force)
        {
            throw new BacktrackException($"{path} exists; pass --force to overwrite it");
        }

        using var engine = new DockerEngine(settings.Engine);
        var composeProjects = await new ProjectDiscovery(engine).DiscoverAsync(settings.Project, cancellationToken).ConfigureAwait(false);
        var stacks = await new StackDiscovery(engine).DiscoverAsync(settings.Project, cancellationToken).ConfigureAwait(false);
        var projects = composeProjects.Concat(stacks).ToList();
        if (projects.Count == 0)
        {
            throw new BacktrackException(settings.Project is null
                ? "no Compose projects or Swarm stacks run on the engine; start yours with 'docker compose up -d' or 'docker stack deploy' first"
                : $"no Compose project or Swarm stack '{settings.Project}' runs on the engine");
        }

        await File.WriteAllTextAsync(path, ProjectDiscovery.ToYaml(projects, settings.Engine), cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"wrote {Format.Text(path)}: {Format.Text(string.Join(", ", projects.Select(p => $"{p.Project} ({(p.Backend is Backend.Swarm ? "swarm stack, " : "")}{p.Services.Count} services)")))}");
        return ExitCodes.Ok;
    }
}
