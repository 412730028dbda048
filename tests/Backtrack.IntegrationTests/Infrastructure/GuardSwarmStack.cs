namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The swarm stack of <see cref="SwarmStack"/> for guard and deploy, with web at a chosen version (v2 has no
/// /health, so its HTTP check fails) deployed from stack.yml, which backtrack.yml names as its stackFile.
/// </summary>
public sealed class GuardSwarmStack : SwarmStack
{
    public string WebVersion { get; private set; } = "v1";

    /// <summary>Writes stack.yml at this version of web (deployed by the caller).</summary>
    public Task WriteStackFileAsync(string version)
    {
        WebVersion = version;
        return File.WriteAllTextAsync(Path.Combine(Directory, "stack.yml"), StackFile());
    }

    public async Task<string> ImageAsync()
    {
        var inspect = await SwarmNode.DockerAsync("service", "inspect", $"{Stack}_web", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return inspect.Stdout.Trim().Split('@')[0];
    }

    /// <summary>The base stack (api and web) with web at <see cref="WebVersion"/>.</summary>
    protected override string StackFile() => base.StackFile().Replace("backtrack-demo/web:v1", $"backtrack-demo/web:{WebVersion}", StringComparison.Ordinal);

    /// <summary>The base configuration, naming stack.yml as the stack file.</summary>
    protected override string ConfigFile() => base.ConfigFile().Replace("    stateDir: state", "    stackFile: stack.yml\n    stateDir: state", StringComparison.Ordinal);
}
