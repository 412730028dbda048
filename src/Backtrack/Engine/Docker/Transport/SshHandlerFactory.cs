using Backtrack.Remote;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Client;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// Docker.DotNet's transport for <c>ssh://</c> engines (<see cref="SshHttpHandler"/>), its connections opened by
/// <see cref="SshDialStream"/>.
/// </summary>
internal sealed class SshHandlerFactory : IDockerHandlerFactory<SshTarget>
{
    public static SshHandlerFactory Instance { get; } = new();

    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        CreateHandler(SshTarget.FromUrl(clientOptions.Endpoint), clientOptions, logger);

    public ResolvedTransport CreateHandler(SshTarget transportOptions, ResolvedClientOptions clientOptions, ILogger logger)
    {
        Directory.CreateDirectory(SshCommand.ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var handler = new SshHttpHandler(transportOptions, logger);
        // The host name only fills the Host header: dial-stdio connects to the host's own engine.
        return new ResolvedTransport(handler, new Uri("http://docker"));
    }

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) =>
        content is HttpConnectionResponseContent hijackable
            ? Task.FromResult(hijackable.HijackStream())
            : throw new NotSupportedException("only the ssh transport's own responses can be hijacked");
}
