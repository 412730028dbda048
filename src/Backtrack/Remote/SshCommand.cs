namespace Backtrack.Remote;

/// <summary>
/// The system <c>ssh</c> command line for a target, as data: the team's ssh config, agent, known_hosts and
/// ProxyJump apply as they do for <c>ssh</c> itself. <c>BatchMode</c> turns what would be a prompt (an unknown
/// host key, a password) into a failure Backtrack can explain in one line.
/// </summary>
public static class SshCommand
{
    /// <summary>An ssh config file used instead of ~/.ssh/config (ssh's <c>-F</c>), e.g. for a CI runner.</summary>
    public const string ConfigVariable = "BACKTRACK_SSH_CONFIG";

    /// <summary>Where the shared connections' control sockets are (ssh's ControlPath; %C is a hash of the target).</summary>
    public static string ControlDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".backtrack", "ssh");

    public static IReadOnlyList<string> Arguments(SshTarget target, IReadOnlyList<string> remoteCommand, bool terminal = false, bool shared = false)
    {
        var arguments = new List<string>();
        if (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } config)
        {
            arguments.AddRange(["-F", config]);
        }

        if (shared)
        {
            // One ssh connection carries every engine connection (a channel each) and outlives the command by a
            // minute: a new channel takes milliseconds where a new connection takes most of a second.
            arguments.AddRange(["-o", "ControlMaster=auto", "-o", $"ControlPath={ControlDirectory}/%C", "-o", "ControlPersist=60"]);
        }

        arguments.AddRange(["-o", "BatchMode=yes", "-o", "ConnectTimeout=30", terminal ? "-tt" : "-T"]);
        if (target.User is not null)
        {
            arguments.AddRange(["-l", target.User]);
        }

        if (target.Port is { } port)
        {
            arguments.AddRange(["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--", target.Host]);
        arguments.AddRange(remoteCommand);
        return arguments;
    }

    /// <summary>
    /// The engine's API on stdin/stdout, as the docker CLI's ssh connection helper opens it
    /// (<c>docker system dial-stdio</c>, through the host's docker CLI).
    /// </summary>
    public static IReadOnlyList<string> DialStdio(SshTarget target) =>
        Arguments(
            target,
            target.SocketPath is null
                ? ["docker", "system", "dial-stdio"]
                : ["docker", "--host", "unix://" + target.SocketPath, "system", "dial-stdio"],
            shared: true);
}
