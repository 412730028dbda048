using System.Text.Json;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// The TLS files the docker CLI keeps for a context (<c>docker context create --docker "host=...,ca=...,cert=...,key=..."</c>):
/// <c>DOCKER_CONFIG/contexts/tls/&lt;sha256 of the name&gt;/docker/{ca,cert,key}.pem</c>, for the context named by
/// <c>DOCKER_CONTEXT</c> or config.json's <c>currentContext</c>, when <c>DOCKER_HOST</c> does not override it, the
/// context does not skip verification, and the engine is the context's own (another engine, configured or one of
/// several hosts, is not given that context's client key).
/// </summary>
internal static class ContextTls
{
    public static string? Directory(Uri endpoint)
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 })
        {
            return null;
        }

        var config = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var name = Environment.GetEnvironmentVariable("DOCKER_CONTEXT") is { Length: > 0 } context ? context : CurrentContext(config);
        if (name is null or "default")
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
        var tls = Path.Combine(config, "contexts", "tls", hash, "docker");
        var meta = Read(Path.Combine(config, "contexts", "meta", hash, "meta.json"));
        return File.Exists(Path.Combine(tls, "ca.pem")) && IsContextEngine(meta, endpoint) && !SkipsVerification(meta) ? tls : null;
    }

    private static bool IsContextEngine(JsonElement? meta, Uri endpoint) =>
        DockerEndpoint(meta) is { } docker && docker.TryGetProperty("Host", out var host)
        && Uri.TryCreate(host.GetString(), UriKind.Absolute, out var address)
        && string.Equals(address.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase) && address.Port == endpoint.Port;

    private static JsonElement? DockerEndpoint(JsonElement? meta) =>
        meta is { } root && root.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var docker) ? docker : null;

    private static string? CurrentContext(string config) =>
        Read(Path.Combine(config, "config.json")) is { } root && root.TryGetProperty("currentContext", out var current) ? current.GetString() : null;

    private static bool SkipsVerification(JsonElement? meta) =>
        DockerEndpoint(meta) is { } docker && docker.TryGetProperty("SkipTLSVerify", out var skip) && skip.ValueKind == JsonValueKind.True;

    private static JsonElement? Read(string file)
    {
        try
        {
            return File.Exists(file) ? JsonDocument.Parse(File.ReadAllText(file)).RootElement : null;
        }
        catch (JsonException e)
        {
            throw new BacktrackException($"{file} is not valid JSON ({e.Message}); fix or remove it (docker context ls)");
        }
    }
}
