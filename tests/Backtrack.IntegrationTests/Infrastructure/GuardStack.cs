namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// Two services for guarded deploys: web (an HTTP check on its published port, its behaviour set by
/// WEB_SCRIPT, its site a host folder so a test can take /health away) and api (the image's HEALTHCHECK).
/// A deploy is 'docker compose up -d' with other tags and scripts; memory is limited so a script can be OOM-killed.
/// </summary>
public sealed class GuardStack : ComposeFixture
{
    public const string Serve = "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & wait";

    /// <summary>Serves a folder without /health: the HTTP check fails.</summary>
    public const string ServeNoHealth = "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /bin & wait";

    public const string CrashLoop = "echo starting; exit 3";

    /// <summary>Healthy for a while, then crashes (a deploy that fails once guard has seen it start).</summary>
    public const string CrashLater = "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & /bin/busybox sleep 4; exit 3";

    /// <summary>Serves, and allocates far beyond the memory limit (busybox tail keeps a line without newlines whole).</summary>
    public const string OutOfMemory = "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & /bin/busybox head -c 300m /dev/zero | /bin/busybox tail; wait";

    /// <summary>Serves, and logs ten error lines a second.</summary>
    public const string Errors = "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & while true; do echo 'ERROR payment failed'; /bin/busybox sleep 0.1; done";

    public GuardStack()
        : base("backtrack-guard-")
    {
        WebPort = FreePort();
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "www"));
        File.WriteAllText(HealthFile, "ok\n");
    }

    public int WebPort { get; }

    /// <summary>web's /health, in the host folder every version serves.</summary>
    public string HealthFile => Path.Combine(Directory, "www", "health");

    /// <summary>The variables of the first release: every test deploys others over them.</summary>
    public static Dictionary<string, string> Variables(string webTag = "v1", string apiTag = "v1", string script = Serve) =>
        new() { ["WEB_TAG"] = webTag, ["API_TAG"] = apiTag, ["WEB_SCRIPT"] = script };

    /// <summary>'backtrack deploy ARGS -- docker compose -p PROJECT up -d' with the deploy's variables; webhook posts go to the given URL.</summary>
    public Task<ProcessResult> DeployAsync(Dictionary<string, string> variables, string? webhook, params string[] args)
    {
        if (webhook is not null)
        {
            variables["BT_TEST_WEBHOOK"] = webhook;
        }

        return BacktrackAsync(variables, ["deploy", .. args, "--", "docker", "compose", "-p", Project, "up", "-d"]);
    }

    /// <summary>A deploy by the plain Compose client.</summary>
    public Task ComposeUpAsync(Dictionary<string, string> variables) => ComposeAsync(variables, "up", "-d");

    /// <summary>A deploy of one service alone by the plain Compose client ('up -d --no-deps SERVICE').</summary>
    public Task ComposeUpOnlyAsync(Dictionary<string, string> variables, string service) => ComposeAsync(variables, "up", "-d", "--no-deps", service);

    /// <summary>The image reference a service's container runs.</summary>
    public async Task<string> ImageOfAsync(string service) => (await InspectAsync(service)).Config.Image;

    protected override Task UpAsync() => ComposeAsync(Variables(), "up", "-d");

    protected override string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG}
            entrypoint: ["/bin/busybox", "sh", "-c", "${WEB_SCRIPT}"]
            ports: ["127.0.0.1:{{WebPort}}:8080"]
            volumes: ["./www:/www"]
            mem_limit: 48m
            restart: unless-stopped
            depends_on: [api]
            labels: { {{TestLabel}}: "true" }
          api:
            image: backtrack-demo/api:${API_TAG}
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 10s
            stopTimeout: 3s
            verify:
              restartWindow: 1s
            notify:
              webhookUrlEnv: BT_TEST_WEBHOOK
            guard:
              window: 4s
              interval: 250ms
              healthFailures: 3
            services:
              web:
                health: http://127.0.0.1:{WebPort}/health
              api:
                health: docker
        """;
}
