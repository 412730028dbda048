using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backtrack.Cli.Serve;

/// <summary>The status page's web server (Kestrel, in this executable) on one address.</summary>
public static class StatusServer
{
    /// <summary>Serves until cancelled or stopped by a signal; prints the address it listens on first.</summary>
    public static async Task RunAsync(
        IPEndPoint endpoint, X509Certificate2? certificate, AccessToken? token, IReadOnlyList<ServedEnvironment> environments, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        await using var app = builder.Build();
        await using var actions = new ActionRunner();
        app.Use(SecurityHeaders.AddAsync);
        PageEndpoints.Map(app, environments, new ActionGuard(token), actions);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        await Console.Out.WriteLineAsync(
            $"serving {address}/ ({string.Join(", ", environments.Select(e => e.Config.Name))}; {(token is null ? "read-only" : "actions with the token")}); Ctrl+C stops").ConfigureAwait(false);
        await Console.Out.FlushAsync(ct).ConfigureAwait(false);
        try
        {
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
