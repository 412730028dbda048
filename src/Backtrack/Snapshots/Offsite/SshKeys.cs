namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// The client keys and known_hosts an sftp destination is reached with: the configured ones
/// (<c>snapshots.identityFile</c>, <c>snapshots.knownHosts</c>), else ssh's defaults in ~/.ssh.
/// </summary>
public sealed record SshKeys(string? IdentityFile, string? KnownHostsFile)
{
    private static readonly string[] DefaultIdentities = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private static string SshFolder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");

    public IReadOnlyList<string> Identities => IdentityFile is { } file
        ? [file]
        : DefaultIdentities.Select(name => Path.Combine(SshFolder, name)).Where(File.Exists).ToList();

    public string KnownHosts => KnownHostsFile ?? Path.Combine(SshFolder, "known_hosts");
}
