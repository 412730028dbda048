namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A deploy repository with a real local bare repository as its remote 'origin', holding a Compose
/// project (web: the demo image at the tag .env names; model: a service whose HEALTHCHECK reads a model
/// file and an env value), deployed by the real Compose client under a unique project name with ports on
/// 127.0.0.1. Git identity is set in the test repositories only. Everything is removed afterwards.
/// </summary>
public sealed class GitStack : ComposeFixture
{
    public const string GoodModel = "good-model-weights\n";
    public const string Secret = "first-secret-value";

    private static readonly string ComposeScript = Path.Combine(RepoRoot, "scripts", "compose.sh");

    private readonly bool redeploy;

    /// <param name="redeploy">false: the config has no redeploy command, as when CI/CD deploys what is pushed.</param>
    public GitStack(bool redeploy = true)
        : base("backtrack-git-")
    {
        this.redeploy = redeploy;
        WebPort = FreePort();
    }

    /// <summary>The temp directory (<see cref="ComposeFixture.Directory"/>): backtrack.yml, the repositories and the state.</summary>
    public string Root => Directory;

    public string RemotePath => Path.Combine(Root, "remote.git");

    public string DeployPath => Path.Combine(Root, "deploy");

    public string StatePath => Path.Combine(Root, "state");

    public int WebPort { get; }

    /// <summary>The redeploy command of the config: the real Compose client in the deploy repository.</summary>
    public string RedeployCommand => $"{ComposeScript} -p {Project} up -d";

    protected override string ComposeDirectory => DeployPath;

    /// <summary>The bare remote and its clone, the project committed and pushed as v1, deployed and recorded.</summary>
    public override async Task InitializeAsync()
    {
        await RunAsync("git", ["init", "-q", "--bare", "-b", "main", RemotePath], Root);
        await RunAsync("git", ["clone", "-q", RemotePath, DeployPath], Root);
        await GitAsync("config", "user.name", "Backtrack Test");
        await GitAsync("config", "user.email", "test@backtrack.invalid");
        await GitAsync("config", "commit.gpgsign", "false");
        await GitAsync("checkout", "-q", "-b", "main");
        await WriteProjectFilesAsync();
        await File.WriteAllTextAsync(Path.Combine(DeployPath, ".env"), WebEnv("v1"));
        System.IO.Directory.CreateDirectory(Path.Combine(DeployPath, "models"));
        await File.WriteAllTextAsync(Path.Combine(DeployPath, "models", "model.bin"), GoodModel);
        await CommitAsync("v1: first deploy");
        await GitAsync("push", "-q", "-u", "origin", "main");
        await DeployAsync();
        await RecordAsync("v1");
    }

    /// <summary>The deploy repository's .env for the web image at TAG (the model healthy, the secret set).</summary>
    public static string WebEnv(string tag) => $"WEB_TAG={tag}\nMODEL_MODE=good\nAPI_TOKEN={Secret}\n";

    public Task DeployAsync() => RunAsync("/bin/sh", ["-c", RedeployCommand], DeployPath);

    /// <summary>A release of the web image at TAG: committed, pushed, deployed and recorded; returns its commit.</summary>
    public async Task<string> ReleaseWebAsync(string tag)
    {
        var commit = await CommitAsync("web " + tag, new Dictionary<string, string> { [".env"] = WebEnv(tag) });
        await GitAsync("push", "-q", "origin", "main");
        await DeployAsync();
        await RecordAsync(tag);
        return commit;
    }

    /// <summary>Writes files into the deploy repository and commits them; returns the new commit.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string>? files = null)
    {
        foreach (var (file, text) in files ?? new Dictionary<string, string>())
        {
            await File.WriteAllTextAsync(Path.Combine(DeployPath, file), text);
        }

        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", message);
        return await GitAsync("rev-parse", "HEAD");
    }

    public async Task<string> GitAsync(params string[] args) => (await RunAsync("git", args, DeployPath)).Stdout.Trim();

    public async Task<string> RemoteHeadAsync() => (await RunAsync("git", ["--git-dir", RemotePath, "rev-parse", "main"], Root)).Stdout.Trim();

    private static async Task<ProcessResult> RunAsync(string file, string[] args, string directory)
    {
        var result = await ProcessRunner.RunAsync(file, args, directory);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', args)}: {result}");
        return result;
    }

    protected override string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 6s
            stopTimeout: 2s
            verify:
              restartWindow: 1s
            services:
              web:
                health: http://127.0.0.1:{WebPort}/health
              model:
                health: docker
            git:
              path: deploy
              branch: main
              protected: [main]
              {(redeploy ? "redeploy: " + RedeployCommand : "")}
              redeployTimeout: 60s
        """;

    // The model service is healthy while its model file holds a good model and MODEL_MODE is 'good'.
    protected override string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            ports: ["127.0.0.1:{{WebPort}}:8080"]
            labels: { {{TestLabel}}: "true" }
          model:
            image: backtrack-demo/api:v1
            volumes: ["./models:/models:ro"]
            environment:
              MODEL_MODE: ${MODEL_MODE:-good}
              API_TOKEN: ${API_TOKEN:-}
            healthcheck:
              test: ["CMD", "/bin/busybox", "sh", "-c", "test \"$$MODEL_MODE\" = good && /bin/busybox grep -q good-model /models/model.bin"]
              interval: 2s
            labels: { {{TestLabel}}: "true" }
        """;
}
