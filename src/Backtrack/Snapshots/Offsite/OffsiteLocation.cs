using Backtrack.Secrets;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// Where snapshot copies go: a directory (a mounted backup disk, NFS) or <c>sftp://[user[:password]@]host[:port]/path</c>.
/// A password in the URL is learnt as a secret when parsed, and <see cref="ToString"/> never shows it.
/// </summary>
public sealed record OffsiteLocation(string Path, SftpAddress? Sftp)
{
    public static OffsiteLocation Parse(string text, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BacktrackException("a snapshot destination is empty; give a directory or sftp://[user@]host[:port]/path");
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return new OffsiteLocation(System.IO.Path.GetFullPath(text, workingDirectory).TrimEnd('/'), null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != "sftp" || url.Host.Length == 0)
        {
            throw new BacktrackException($"'{SecretRegistry.Redact(text)}' is not a snapshot destination; give a directory or sftp://[user@]host[:port]/path");
        }

        var userInfo = url.UserInfo.Split(':', 2);
        var password = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : null;
        if (password is { Length: > 0 })
        {
            SecretRegistry.AddValue(password);
        }

        var path = Uri.UnescapeDataString(url.AbsolutePath).TrimEnd('/');
        if (path.Length == 0)
        {
            throw new BacktrackException($"{url.Scheme}://{url.Authority} names no directory; add its path, e.g. sftp://{url.Authority}/srv/backups");
        }

        var user = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : Environment.UserName;
        return new OffsiteLocation(path, new SftpAddress(url.DnsSafeHost, url.IsDefaultPort || url.Port < 0 ? 22 : url.Port, user, password));
    }

    /// <summary>The last segment of the path: a snapshot ID when the location names one snapshot.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public OffsiteLocation Parent => this with { Path = System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } parent ? parent : "/" };

    public override string ToString() => Sftp is { } sftp ? $"sftp://{sftp}{Path}" : Path;
}
