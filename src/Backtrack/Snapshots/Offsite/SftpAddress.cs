namespace Backtrack.Snapshots.Offsite;

/// <summary>An sftp server and the account on it; the password (rare: keys are the rule) is never shown.</summary>
public sealed record SftpAddress(string Host, int Port, string User, string? Password)
{
    /// <summary>How known_hosts names the host: bare on port 22, else <c>[host]:port</c>.</summary>
    public string KnownHostsName => Port == 22 ? Host : $"[{Host}]:{Port}";

    public override string ToString() => $"{User}@{Host}" + (Port == 22 ? "" : $":{Port}");
}
