using System.Diagnostics;
using System.Net.Sockets;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A server program a test starts on 127.0.0.1 (sshd, a TLS proxy) with its files in a temp directory: started,
/// waited for (bounded) until it accepts connections, killed and its directory removed on dispose.
/// </summary>
public abstract class LoopbackServer(string directoryPrefix) : IAsyncLifetime
{
    private Process? server;

    protected string Folder { get; } = Directory.CreateTempSubdirectory(directoryPrefix).FullName;

    public abstract Task InitializeAsync();

    public async Task DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    protected async Task StartAsync(string file, string[] args, int port)
    {
        server = ProcessRunner.Start(file, args, Folder);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (server.HasExited)
            {
                Assert.Fail($"{file} ended: {await server.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail($"{file} did not listen on 127.0.0.1:{port} within 5 s");
    }
}
