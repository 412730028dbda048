namespace Backtrack.Remote;

/// <summary>
/// Where ssh goes: <c>[user@]host[:port]</c>, or an <c>ssh://[user@]host[:port][/path]</c> engine URL whose path
/// names the engine's socket on the host. Whatever is left out comes from the user's ssh config.
/// </summary>
public sealed record SshTarget(string Host, string? User = null, int? Port = null, string? SocketPath = null)
{
    public static SshTarget FromUrl(Uri url)
    {
        if (!string.Equals(url.Scheme, "ssh", StringComparison.OrdinalIgnoreCase) || url.Host.Length == 0)
        {
            throw new BacktrackException($"'{url}' is not an ssh://[user@]host[:port] address; fix 'engine' in the config or DOCKER_HOST");
        }

        if (url.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new BacktrackException("an ssh:// engine address cannot carry a password; use a key (ssh-agent or ~/.ssh/config)");
        }

        var path = Uri.UnescapeDataString(url.AbsolutePath);
        return new SshTarget(
            url.DnsSafeHost,
            url.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(url.UserInfo),
            url.IsDefaultPort || url.Port < 0 ? null : url.Port,
            path is "" or "/" ? null : path);
    }

    /// <summary>Parses <c>[user@]host[:port]</c>, the form of <c>--host</c>.</summary>
    public static SshTarget Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains("://", StringComparison.Ordinal)
            || !Uri.TryCreate("ssh://" + text.Trim(), UriKind.Absolute, out var url) || url.AbsolutePath is not ("" or "/"))
        {
            throw new BacktrackException($"'{text}' is not a host; give [user@]host[:port], e.g. deploy@nebula or nebula:2222");
        }

        return FromUrl(url);
    }

    /// <summary>How a user runs ssh to the target by hand (to accept its host key, say).</summary>
    public string ManualCommand => "ssh " + (Port is { } port ? $"-p {port} " : "") + (User is null ? "" : User + "@") + Host;

    public override string ToString() =>
        (User is null ? "" : User + "@") + Host + (Port is { } port ? ":" + port : "");
}
