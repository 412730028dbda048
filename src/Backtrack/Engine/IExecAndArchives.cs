namespace Backtrack.Engine;

/// <summary>Commands run inside containers, and files in and out of them through the archive API.</summary>
public interface IExecAndArchives
{
    /// <summary>Runs a command inside a running container, without a TTY, bounded by the timeout.</summary>
    Task<ExecResult> ExecAsync(string idOrName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// As <see cref="ExecAsync(string, IReadOnlyList{string}, TimeSpan, CancellationToken)"/>, with environment variables for the
    /// command (how secrets such as a database password reach it: never on its command line).
    /// </summary>
    Task<ExecResult> ExecAsync(
        string idOrName, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// Runs a command inside a running container without a TTY, streaming: stdin (when given) is sent and
    /// closed, stdout and stderr are copied out as they come. Returns the command's exit code.
    /// </summary>
    Task<long> ExecStreamAsync(string idOrName, IReadOnlyList<string> command, Stream? stdin, Stream stdout, Stream stderr, CancellationToken ct);

    /// <summary>As the other overload, with environment variables for the command (secrets go here, never on its command line).</summary>
    Task<long> ExecStreamAsync(
        string idOrName,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string>? environment,
        Stream? stdin,
        Stream stdout,
        Stream stderr,
        CancellationToken ct);

    /// <summary>A tar stream of a path in a container (running or not), through the engine's archive API.</summary>
    Task<Stream> GetArchiveAsync(string idOrName, string path, CancellationToken ct);

    /// <summary>Extracts a tar stream into a directory of a container (running or not), keeping the entries' numeric owners.</summary>
    Task PutArchiveAsync(string idOrName, string directory, Stream tar, CancellationToken ct);
}
