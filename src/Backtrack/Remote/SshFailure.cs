namespace Backtrack.Remote;

/// <summary>What ssh's own error output means, as one line that says how to fix it.</summary>
public static class SshFailure
{
    public static string Explain(SshTarget target, int exitCode, string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Warning: Permanently added", StringComparison.Ordinal))
            .ToList();
        bool Says(string text) => lines.Exists(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
        var host = target.ToString();
        if (Says("Host key verification failed") || Says("No ED25519 host key is known") || Says("host key is known"))
        {
            return $"the host key of {host} is not in known_hosts; connect once with '{target.ManualCommand}' and check its fingerprint";
        }

        if (Says("REMOTE HOST IDENTIFICATION HAS CHANGED"))
        {
            return $"the host key of {host} changed since it was added to known_hosts; check with the host's owner";
        }

        if (Says("Permission denied"))
        {
            return $"{host} refused ssh authentication; load your key into ssh-agent or name it in ~/.ssh/config (IdentityFile)";
        }

        if (exitCode == 127 || Says("docker: command not found") || Says("docker: not found"))
        {
            return $"no docker CLI on {host}; install docker there (the engine is reached through 'docker system dial-stdio')";
        }

        if (Says("Cannot connect to the Docker daemon") || Says("permission denied while trying to connect to the Docker daemon"))
        {
            return $"docker on {host} cannot reach its engine: {lines.Last(l => l.Contains("docker", StringComparison.OrdinalIgnoreCase))}";
        }

        var last = lines.LastOrDefault();
        return last is null ? $"ssh to {host} ended with exit code {exitCode}" : $"ssh to {host}: {last}";
    }
}
