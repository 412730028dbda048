using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>Logs: a container's, and a swarm service's (every task's, as 'docker service logs'), demultiplexed line by line.</summary>
public sealed partial class DockerEngine
{
    public IAsyncEnumerable<LogLine> ReadLogsAsync(string idOrName, LogQuery query, CancellationToken ct) =>
        ReadLinesAsync(() => client.Containers.GetContainerLogsAsync(idOrName, new ContainerLogsParameters
        {
            ShowStdout = true, ShowStderr = true, Follow = query.Follow, Timestamps = query.Timestamps, Tail = Tail(query), Since = Since(query),
        }, ct), ct);

    /// <remarks>Stack services are created without a TTY: the stream is multiplexed, as a container's.</remarks>
    public IAsyncEnumerable<LogLine> ReadServiceLogsAsync(string serviceIdOrName, LogQuery query, CancellationToken ct) =>
        ReadLinesAsync(() => client.Swarm.GetServiceLogsAsync(serviceIdOrName, tty: false, new ServiceLogsParameters
        {
            ShowStdout = true, ShowStderr = true, Follow = query.Follow, Timestamps = query.Timestamps, Tail = Tail(query), Since = Since(query),
        }, ct), ct);

    private static string Tail(LogQuery query) => query.Tail?.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static string? Since(LogQuery query) => query.Since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<LogLine> ReadLinesAsync(Func<Task<MultiplexedStream>> open, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stream = await Guard(open).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        var pending = new Dictionary<LogSource, StringBuilder> { [LogSource.Stdout] = new(), [LogSource.Stderr] = new() };
        while (true)
        {
            MultiplexedStream.ReadResult read;
            try
            {
                read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                yield break;
            }

            if (read.EOF)
            {
                break;
            }

            var kind = read.Target == MultiplexedStream.TargetStream.StandardError ? LogSource.Stderr : LogSource.Stdout;
            var text = pending[kind].Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            var lines = text.ToString().Split('\n');
            for (var i = 0; i < lines.Length - 1; i++)
            {
                yield return new LogLine(kind, lines[i].TrimEnd('\r'));
            }

            text.Clear().Append(lines[^1]);
        }

        foreach (var (kind, rest) in pending.Where(p => p.Value.Length > 0))
        {
            yield return new LogLine(kind, rest.ToString());
        }
    }
}
