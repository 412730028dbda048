using System.Diagnostics;
using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Health;

/// <summary>Runs one health check once: an HTTP GET, or the container's HEALTHCHECK test through exec.</summary>
public sealed class HealthChecker(IContainerEngine engine, HttpClient http)
{
    /// <summary>An HTTP client for checks: no proxy, so checks of 127.0.0.1 never leave the machine.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public async Task<HealthResult> CheckAsync(HealthTarget target, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return target.Check switch
            {
                HttpHealthCheck httpCheck => await CheckHttpAsync(httpCheck.Url, deadline.Token).ConfigureAwait(false),
                _ => await CheckContainerAsync(target, timeout, deadline.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"no answer within {timeout.TotalSeconds:0.#} s", timeout);
        }
    }

    private async Task<HealthResult> CheckHttpAsync(Uri url, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return new HealthResult(code is >= 200 and < 400, $"HTTP {code}", clock.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return HealthResult.Fail(e.InnerException?.Message ?? e.Message, clock.Elapsed);
        }
    }

    /// <summary>
    /// Runs the HEALTHCHECK test now instead of waiting for Docker's scheduler (30 s by default);
    /// without a test, a running container counts as healthy.
    /// </summary>
    private async Task<HealthResult> CheckContainerAsync(HealthTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var container = await engine.InspectContainerAsync(target.Container, ct).ConfigureAwait(false);
        if (container is null)
        {
            return HealthResult.Fail("no container");
        }

        if (!container.State.Running)
        {
            return HealthResult.Fail($"{container.State.Status} (exit code {container.State.ExitCode})");
        }

        var command = HealthTestCommand(container.HealthTest);
        if (command is null || target.Check is NoHealthCheck)
        {
            return new HealthResult(true, "running", null);
        }

        var clock = Stopwatch.StartNew();
        var result = await engine.ExecAsync(container.Id, command, timeout, ct).ConfigureAwait(false);
        var output = (result.Stdout + result.Stderr).Trim();
        var detail = result.ExitCode == 0 ? "healthcheck passed" : $"healthcheck exit {result.ExitCode}";
        return new HealthResult(result.ExitCode == 0, output.Length > 0 && result.ExitCode != 0 ? $"{detail}: {FirstLine(output)}" : detail, clock.Elapsed);
    }

    /// <summary>Docker's test forms: ["CMD", args...], ["CMD-SHELL", script], ["NONE"].</summary>
    internal static IReadOnlyList<string>? HealthTestCommand(IReadOnlyList<string> test) => test.ToArray() switch
    {
        ["CMD", .. var args] when args.Length > 0 => args,
        ["CMD-SHELL", var script] => ["/bin/sh", "-c", script],
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}
