using System.Collections;
using Backtrack.Configuration;

namespace Backtrack.Secrets;

/// <summary>
/// What the configuration says is secret, learned when it is loaded: the Postgres password, the webhook
/// URL, PagerDuty's routing key, the SMTP login, passwords in health-check and Prometheus URLs, the <c>secrets:</c> variables and files, and the secret-named variables of Backtrack's own
/// environment (they reach git and the redeploy command, whose errors are printed).
/// </summary>
public static class ConfiguredSecrets
{
    public static async Task LearnAsync(EnvironmentConfig config, CancellationToken ct)
    {
        SecretRegistry.AddNames(config.Secrets.Variables);
        SecretRegistry.AddEnv(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));
        string?[] variables =
        [
            config.Postgres?.PasswordEnv, config.Notify.WebhookUrlEnv, config.Notify.PagerDuty?.RoutingKeyEnv,
            config.Notify.Email?.UsernameEnv, config.Notify.Email?.PasswordEnv, .. config.Secrets.Variables,
        ];
        foreach (var value in variables.OfType<string>().Select(Environment.GetEnvironmentVariable).OfType<string>())
        {
            SecretRegistry.AddValue(value);
        }

        PrometheusConfig?[] prometheus = [config.Guard.Prometheus, .. config.Services.Values.Select(s => s.Guard?.Prometheus)];
        var urls = config.Services.Values.Select(s => s.Health).OfType<HttpHealthCheck>().Select(h => h.Url)
            .Concat(prometheus.OfType<PrometheusConfig>().Select(p => p.Url));
        foreach (var url in urls)
        {
            if (url.UserInfo.Split(':', 2) is [_, var password])
            {
                SecretRegistry.AddValue(Uri.UnescapeDataString(password));
            }
        }

        string?[] files = [config.Postgres?.PasswordFile, .. config.Secrets.Files];
        foreach (var file in files.OfType<string>().Where(File.Exists))
        {
            SecretRegistry.AddValue((await ReadAsync(file, ct).ConfigureAwait(false)).TrimEnd('\r', '\n'));
        }
    }

    /// <summary>A secret file Backtrack cannot read is an error: its contents could not be hidden.</summary>
    private static async Task<string> ReadAsync(string file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BacktrackException($"secret file {file} cannot be read ({e.Message}); Backtrack must read it to keep it out of its output");
        }
    }
}
