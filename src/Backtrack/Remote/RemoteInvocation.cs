using Backtrack.Configuration;

namespace Backtrack.Remote;

/// <summary>
/// <c>backtrack --host [user@]HOST[:port]|ENVIRONMENT [--host-dir DIR] COMMAND ...</c>: the command, run by the Backtrack
/// installed on that host over the system ssh, in DIR there (where the host's backtrack.yml is), so state, lock,
/// journal and snapshots stay on the host and every operator shares them. The options come before the command:
/// after it, <c>--host</c> is the command's own (<c>install --host</c>).
/// </summary>
public sealed record RemoteInvocation(SshTarget Target, string? Directory, IReadOnlyList<string> Arguments)
{
    /// <summary>The program on the host: 'backtrack' from its PATH, unless this variable names another.</summary>
    public const string ProgramVariable = "BACKTRACK_HOST_BIN";

    /// <summary>
    /// As <see cref="TryParse"/>, with the environments of the backtrack.yml in <paramref name="workingDirectory"/>
    /// (when there is one) as names for <c>--host</c>: <c>--host prod</c> takes prod's <c>host:</c> address and directory.
    /// </summary>
    public static async Task<RemoteInvocation?> ParseAsync(IReadOnlyList<string> args, string workingDirectory, CancellationToken ct)
    {
        var file = Path.Combine(workingDirectory, BacktrackConfig.DefaultFileName);
        if (args.Count < 2 || args[0] != "--host" || !File.Exists(file))
        {
            return TryParse(args);
        }

        var config = ConfigLoader.Parse(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false), file);
        return TryParse(args, config.Environments.Where(e => e.RemoteHost is not null).ToDictionary(e => e.Name, e => e.RemoteHost!, StringComparer.Ordinal));
    }

    /// <param name="hosts">Environment names that stand for a host: their <c>host:</c> sections.</param>
    public static RemoteInvocation? TryParse(IReadOnlyList<string> args, IReadOnlyDictionary<string, RemoteHostConfig>? hosts = null)
    {
        if (args.Count == 0 || args[0] != "--host")
        {
            return null;
        }

        if (args.Count < 2 || args[1].StartsWith('-'))
        {
            throw new BacktrackException("--host needs a host: backtrack --host [user@]host[:port] [--host-dir DIR] COMMAND ...");
        }

        var configured = hosts?.GetValueOrDefault(args[1]);
        var target = SshTarget.Parse(configured?.Address ?? args[1]);
        var directory = configured?.Directory;
        var rest = args.Skip(2).ToList();
        if (rest.Count > 0 && rest[0] == "--host-dir")
        {
            if (rest.Count < 2)
            {
                throw new BacktrackException("--host-dir needs the directory on the host that holds backtrack.yml, e.g. --host-dir /opt/shop");
            }

            directory = rest[1];
            rest = rest.Skip(2).ToList();
        }

        if (rest.Count == 0)
        {
            throw new BacktrackException("--host needs a command to run there, e.g. backtrack --host deploy@nebula status");
        }

        return new RemoteInvocation(target, directory, rest);
    }

    /// <summary>The one string ssh hands to the host's shell: every word quoted, so nothing is expanded there.</summary>
    public string RemoteCommand()
    {
        var program = Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } configured ? configured : "backtrack";
        var run = "exec " + string.Join(' ', new[] { program }.Concat(Arguments).Select(Quote));
        return Directory is null ? run : $"cd -- {Quote(Directory)} && {run}";
    }

    /// <summary>POSIX shell single quotes; a quote inside becomes '\''.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
