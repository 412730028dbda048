using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// Opens a destination: a directory as it is, an sftp server with a key (or the URL's password) after its
/// host key was found in known_hosts. Every failure to connect is one line naming what to do (exit 2).
/// </summary>
public static class SftpConnector
{
    public static async Task<IOffsiteFolder> OpenAsync(OffsiteLocation location, SshKeys keys, CancellationToken ct)
    {
        if (location.Sftp is not { } sftp)
        {
            return new LocalFolder(location.Path);
        }

        var client = new SftpClient(new ConnectionInfo(sftp.Host, sftp.Port, sftp.User, Authentication(sftp, keys)) { Timeout = TimeSpan.FromSeconds(20) });
        KnownHosts.Verdict? verdict = null;
        var knownHosts = File.Exists(keys.KnownHosts) ? await File.ReadAllLinesAsync(keys.KnownHosts, ct).ConfigureAwait(false) : [];
        client.HostKeyReceived += (_, e) =>
        {
            verdict = KnownHosts.Check(knownHosts, sftp.KnownHostsName, e.HostKeyName, e.HostKey);
            e.CanTrust = verdict == KnownHosts.Verdict.Known;
        };
        try
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
            return new SftpFolder(client, location.Path);
        }
        catch (Exception e) when (e is SshException or SocketException or ProxyException)
        {
            client.Dispose();
            throw new BacktrackException(verdict switch
            {
                KnownHosts.Verdict.Unknown =>
                    $"the host key of {sftp.KnownHostsName} is not in {keys.KnownHosts}; check it and accept it once with 'ssh -p {sftp.Port} {sftp}'",
                KnownHosts.Verdict.Changed =>
                    $"the host key of {sftp.KnownHostsName} differs from the one in {keys.KnownHosts}; if the server was reinstalled, replace its line (ssh-keygen -R)",
                _ when e is SshAuthenticationException =>
                    $"{sftp} refused the key ({string.Join(", ", keys.Identities)}); set snapshots.identityFile or add the key to the server's authorized_keys",
                _ => $"cannot reach sftp://{sftp}: {e.Message}",
            });
        }
    }

    private static AuthenticationMethod[] Authentication(SftpAddress sftp, SshKeys keys)
    {
        if (sftp.Password is { } password)
        {
            return [new PasswordAuthenticationMethod(sftp.User, password)];
        }

        var identities = keys.Identities;
        if (identities.Count == 0)
        {
            throw new BacktrackException($"no ssh key for sftp://{sftp}: set snapshots.identityFile or create ~/.ssh/id_ed25519");
        }

        try
        {
            return [new PrivateKeyAuthenticationMethod(sftp.User, identities.Select(f => new PrivateKeyFile(f)).ToArray())];
        }
        catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException)
        {
            throw new BacktrackException($"the ssh key {string.Join(", ", identities)} cannot be read ({e.Message}); give a key without a passphrase in snapshots.identityFile");
        }
    }
}
