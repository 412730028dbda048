using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Backtrack.Cli.Serve;
using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack serve: the live status page of every one-engine environment, Compose or swarm (or --env's), read-only without a token.</summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = ListenAddress.Parse(settings.Listen);
        ListenAddress.RequireSafe(endpoint, settings.TlsCertificate is not null, settings.InsecureListen);
        using var certificate = settings.TlsCertificate is null ? null : LoadCertificate(settings.TlsCertificate, settings.TlsKey!);
        var token = settings.TokenFile is null ? null : await AccessToken.ReadAsync(settings.TokenFile, cancellationToken).ConfigureAwait(false);

        var config = await ConfigLoader.LoadAsync(ConfigLoader.Locate(settings.Config, Directory.GetCurrentDirectory()), cancellationToken).ConfigureAwait(false);
        var selected = settings.Environment is null
            ? config.Environments.Where(e => e.Hosts.Count == 0).ToList()
            : [config.Select(settings.Environment)];
        selected.ForEach(e => e.RequireSingleHost("serve"));
        if (selected.Count == 0)
        {
            throw new BacktrackException("no one-engine environment to serve in the configuration; the status page does not show environments with hosts: yet");
        }

        var environments = selected.Select(e => new ServedEnvironment(e)).ToList();
        try
        {
            foreach (var environment in environments)
            {
                await environment.OpenAsync(cancellationToken).ConfigureAwait(false);
            }

            await StatusServer.RunAsync(endpoint, certificate, token, environments, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        finally
        {
            environments.ForEach(e => e.Dispose());
        }
    }

    private static X509Certificate2 LoadCertificate(string certificate, string key)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new BacktrackException($"--tls-cert/--tls-key: cannot load '{certificate}' with '{key}' ({e.Message}); give a PEM certificate and its PEM private key");
        }
    }
}
