using Backtrack.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Client;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// HTTP to an ssh:// engine. Each connection is an ssh process (a key exchange and the host's docker CLI
/// starting: most of a second), so ordinary requests go through .NET's pooled handler and reuse connections.
/// Upgrade requests (exec, attach) go through Docker.DotNet's own handler, whose connection can be hijacked and
/// half-closed: the engine reads the end of an exec's input from it.
/// </summary>
internal sealed class SshHttpHandler(SshTarget target, ILogger logger) : HttpMessageHandler
{
    private readonly HttpMessageInvoker pooled = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(SshDialStream.Open(target)),
    });

    private readonly HttpMessageInvoker hijackable = new(new ManagedHandler((_, _, _) => Task.FromResult<Stream>(SshDialStream.Open(target)), logger)
    {
        UseProxy = false,
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (request.Headers.Contains("Upgrade") ? hijackable : pooled).SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pooled.Dispose();
            hijackable.Dispose();
        }

        base.Dispose(disposing);
    }
}
