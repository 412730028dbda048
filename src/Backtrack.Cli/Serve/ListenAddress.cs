using System.Net;

namespace Backtrack.Cli.Serve;

/// <summary>Where the status page listens: an IP and port, loopback unless the user says otherwise.</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string text)
    {
        var candidate = text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + text[9..] : text;
        return IPEndPoint.TryParse(candidate, out var endpoint) && candidate.Contains(':', StringComparison.Ordinal) && endpoint.Port is >= 0 and <= 65535
            ? endpoint
            : throw new BacktrackException($"--listen: '{text}' is not IP:PORT; write e.g. 127.0.0.1:8480 or [::1]:8480");
    }

    /// <summary>Refuses plain HTTP beyond loopback unless explicitly asked for: the page shows the stack and carries the token.</summary>
    public static void RequireSafe(IPEndPoint endpoint, bool tls, bool insecureAllowed)
    {
        if (!IPAddress.IsLoopback(endpoint.Address) && !tls && !insecureAllowed)
        {
            throw new BacktrackException(
                $"--listen {endpoint}: not a loopback address; give --tls-cert and --tls-key, or --insecure-listen to serve plain HTTP to the network (nothing was started)");
        }
    }
}
