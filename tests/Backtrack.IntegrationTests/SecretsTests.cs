using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Secrets never reach any output: every command's stdout and stderr, text and JSON, the webhook's
/// payloads, the reports (Markdown and HTML file) and the archived logs of a real rollback on the real engine.
/// </summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private readonly SecretStack stack = new();
    private readonly List<(string What, string Text)> outputs = [];

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task No_secret_reaches_any_output_and_names_stay()
    {
        using var webhook = new WebhookListener();
        var env = new Dictionary<string, string> { [SecretStack.WebhookVariable] = webhook.Url };
        var posts = webhook.ReceiveAsync(4, TimeSpan.FromMinutes(4));

        await RunAsync(env, "record", "--note", $"v1, token {stack.Token}");
        await stack.DeployWebAsync("v3");
        await RunAsync(env, "record", "--note", "v3");
        await RunAsync(env, "status");
        await RunAsync(env, "status", "-o", "json");
        await RunAsync(env, "health");
        await RunAsync(env, "logs", "web");
        await RunAsync(env, "releases");
        await RunAsync(env, "releases", "-o", "json");
        await RunAsync(env, "rollback", "service", "web", "--yes");
        await RunAsync(env, "rollback", "service", "web", "--to", "v3", "--yes", "-o", "json");
        await RunAsync(env, "verify");
        await RunAsync(env, "history");
        await RunAsync(env, "history", "-o", "json");
        var markdown = await RunAsync(env, "report");
        await RunAsync(env, "report", "--format", "html", "-o", "report.html");
        outputs.Add(("report.html", await File.ReadAllTextAsync(Path.Combine(stack.Directory, "report.html"))));
        await RunAsync(env, "cleanup", "--yes");
        outputs.AddRange((await posts).Select(text => ("webhook", text)));
        outputs.AddRange(await ArchivedLogsAsync());

        var leaks = outputs.SelectMany(o => stack.Forbidden(webhook.Url).Where(s => o.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{o.What}: {s}")).ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        Assert.Contains("http://***@127.0.0.1", markdown.Stdout);
        Assert.Contains("SERVICE_NAME", markdown.Stdout);
        Assert.Contains("token [redacted]", outputs.Single(o => o.What == "releases").Text);
        Assert.Contains($"{stack.Project}-web-1", markdown.Stdout);
        Assert.Contains("| web |", markdown.Stdout);
        Assert.Contains($"{stack.Project}-api-1", outputs.Single(o => o.What == "status").Text);
        Assert.Contains("http://***@127.0.0.1", outputs.Single(o => o.What == "health").Text);
        Assert.Contains("token=[redacted]", outputs.Single(o => o.What == "logs web").Text);
        Assert.Contains("password=[redacted]", outputs.Single(o => o.What == "logs web").Text);
    }

    /// <summary>Runs the CLI, which must exit 0, and keeps its stdout and stderr (as one text) for the scan.</summary>
    private async Task<ProcessResult> RunAsync(Dictionary<string, string> env, params string[] args)
    {
        var result = await stack.BacktrackAsync(env, args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        outputs.Add((string.Join(' ', args), result.Stdout + "\n" + result.Stderr));
        return result;
    }

    /// <summary>The archived logs: every entry's name, and its content.</summary>
    private async Task<IEnumerable<(string, string)>> ArchivedLogsAsync()
    {
        var archives = Directory.GetFiles(Path.Combine(stack.Directory, "state", "logs"), "*.tar.gz");
        Assert.NotEmpty(archives);
        var found = new List<(string, string)>();
        foreach (var archive in archives)
        {
            found.Add(("archive name", Path.GetFileName(archive)));
            await using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
                found.Add(("archived entry name", entry.Name));
                found.Add(($"archived {entry.Name}", await content.ReadToEndAsync()));
            }
        }

        return found;
    }
}
