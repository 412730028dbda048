using System.Net;
using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A Compose project whose web service holds secrets full of characters that escaping changes
/// (<c>&amp; &lt; &gt; " ' | $ \</c>) and a 3-character one, prints them to its stdout and stderr, and has an
/// ordinary SERVICE_NAME=api beside them; its health URL carries credentials; notifications go to a webhook.
/// </summary>
public sealed class SecretStack : ComposeFixture
{
    public const string WebhookVariable = "BT_TEST_WEBHOOK";

    private readonly int webPort = FreePort();
    private readonly string id = Guid.NewGuid().ToString("N")[..8];

    public SecretStack()
        : base("backtrack-secrets-")
    {
    }

    public string Token => $"t&<>\"'|$\\k-{id}";

    public string ShortPassword => "Q&<";

    public string ProbePassword => $"pr0be-{id}";

    /// <summary>Every secret, and the forms HTML and JSON escaping would give it: none may appear anywhere.</summary>
    public IEnumerable<string> Forbidden(string webhookUrl) =>
        new[] { Token, ShortPassword, ProbePassword, webhookUrl }
            .SelectMany(s => new[] { s, WebUtility.HtmlEncode(s), JsonSerializer.Serialize(s)[1..^1] })
            .Distinct();

    /// <summary>A deploy of another web image (the secrets unchanged).</summary>
    public Task DeployWebAsync(string tag) => ComposeAsync(new Dictionary<string, string> { ["WEB_TAG"] = tag }, "up", "-d", "web");

    protected override string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            ports: ["127.0.0.1:{{webPort}}:8080"]
            entrypoint:
              - /bin/busybox
              - sh
              - -c
              - 'trap "exit 0" TERM; printf "token=%s\n" "$$API_TOKEN"; printf "password=%s\n" "$$DB_PASSWORD" >&2; /bin/busybox httpd -f -p 8080 -h /www & wait'
            environment:
              API_TOKEN: '{{Token.Replace("'", "''", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal)}}'
              DB_PASSWORD: '{{ShortPassword}}'
              SERVICE_NAME: api
            depends_on: [api]
            labels: { {{TestLabel}}: "true" }
          api:
            image: backtrack-demo/api:v1
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 15s
            stopTimeout: 5s
            verify:
              restartWindow: 1s
            notify:
              webhookUrlEnv: {WebhookVariable}
            services:
              web:
                health: http://probe:{ProbePassword}@127.0.0.1:{webPort}/health
              api:
                health: docker
        """;
}
