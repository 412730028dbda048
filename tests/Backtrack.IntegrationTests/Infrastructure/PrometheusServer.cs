using System.Diagnostics;
using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's prometheus (installed by scripts/setup.sh, its service off) started by the test with its own
/// config and data directory, on a free 127.0.0.1 port, scraping one target on 127.0.0.1 every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string directory;
    private readonly StringBuilder log = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    /// <summary>Starts Prometheus scraping http://127.0.0.1:TARGETPORT/metrics and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(int targetPort)
    {
        var directory = Directory.CreateTempSubdirectory("backtrack-test-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s {"}"}
            scrape_configs:
              - job_name: app
                static_configs: [{"{"} targets: ["127.0.0.1:{targetPort}"] {"}"}]
            """);
        var port = ComposeFixture.FreePort();
        var info = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(directory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = new PrometheusServer(Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus"), directory, port);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginErrorReadLine();
        server.process.BeginOutputReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Stops the process and waits for its end: from now on nothing answers at <see cref="Url"/>.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private void Append(string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    /// <summary>Polls /-/ready, bounded in time; a process that ended is a failure with its log.</summary>
    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        lock (log)
        {
            throw new InvalidOperationException($"prometheus did not get ready within {StartTimeout.TotalSeconds:0} s:\n{log}");
        }
    }
}
