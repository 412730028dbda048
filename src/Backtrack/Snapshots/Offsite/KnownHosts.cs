using System.Security.Cryptography;
using System.Text;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// OpenSSH's known_hosts, read to decide whether an sftp server's host key is the one on record: plain
/// names (<c>host</c>, <c>[host]:port</c>, comma-separated) and hashed ones (<c>|1|salt|hmac</c>).
/// </summary>
public static class KnownHosts
{
    public enum Verdict { Known, Unknown, Changed }

    public static Verdict Check(IEnumerable<string> lines, string name, string keyType, byte[] key)
    {
        var blob = Convert.ToBase64String(key);
        var seen = false;
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0].StartsWith('#') || fields[0].StartsWith('@') || !Names(fields[0], name))
            {
                continue;
            }

            if (fields[1] == keyType && fields[2] == blob)
            {
                return Verdict.Known;
            }

            seen |= fields[1] == keyType;
        }

        return seen ? Verdict.Changed : Verdict.Unknown;
    }

    private static bool Names(string hosts, string name)
    {
        if (hosts.StartsWith("|1|", StringComparison.Ordinal) && hosts.Split('|') is [_, _, var salt, var hash])
        {
            // OpenSSH's hashed names are HMAC-SHA1 by their format; this only finds a line, it protects nothing.
#pragma warning disable CA5350
            var expected = HMACSHA1.HashData(Convert.FromBase64String(salt), Encoding.ASCII.GetBytes(name));
#pragma warning restore CA5350
            return Convert.ToBase64String(expected) == hash;
        }

        return hosts.Split(',').Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
