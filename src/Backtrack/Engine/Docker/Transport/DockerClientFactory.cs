using Backtrack.Remote;
using Docker.DotNet;
using Docker.DotNet.LegacyHttp;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// The Docker.DotNet client for an engine address: the local socket, <c>tcp://</c> (with TLS when the docker
/// CLI's variables ask for it) or <c>ssh://</c> through the system ssh.
/// </summary>
internal static class DockerClientFactory
{
    public static DockerClient Create(Uri endpoint)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint);
        switch (endpoint.Scheme)
        {
            case "ssh":
                return builder.WithTransportOptions(SshHandlerFactory.Instance, SshTarget.FromUrl(endpoint)).Build();
            case "tcp" or "https" when EngineTls.FromEnvironment(endpoint) is { } tls:
                return builder.WithAuthProvider(tls).WithTransportOptions(new LegacyHttpTransportOptions()).Build();
            default:
                return builder.Build();
        }
    }
}
