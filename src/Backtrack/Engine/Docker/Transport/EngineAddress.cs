using Docker.DotNet;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// Which engine to talk to: the config's <c>engine:</c>, else what the docker CLI would use — <c>DOCKER_HOST</c>,
/// then the context named by <c>DOCKER_CONTEXT</c> or <c>currentContext</c> in ~/.docker/config.json (read from the
/// CLI's context store), then the local socket.
/// </summary>
internal static class EngineAddress
{
    private static readonly string[] Schemes = ["unix", "tcp", "http", "https", "ssh"];

    public static Uri Resolve(string? configured)
    {
        Uri endpoint;
        try
        {
            endpoint = configured is null ? DockerConfig.Instance.GetEndpoint() : new Uri(configured, UriKind.Absolute);
        }
        catch (Exception e) when (e is DockerConfigurationException or UriFormatException or IOException or System.Text.Json.JsonException)
        {
            throw new BacktrackException($"cannot tell which Docker engine to use: {e.Message.TrimEnd('.')}; fix 'engine' in the config, DOCKER_HOST or DOCKER_CONTEXT", e);
        }

        if (!Schemes.Contains(endpoint.Scheme))
        {
            throw new BacktrackException($"engine endpoint '{endpoint}' is not a unix://, tcp:// or ssh:// address; fix 'engine' in the config or DOCKER_HOST");
        }

        return endpoint;
    }
}
