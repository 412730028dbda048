using System.Diagnostics;
using System.Net.Sockets;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>Waits (bounded) for a server a test started to accept connections on 127.0.0.1.</summary>
public static class LoopbackListener
{
    public static async Task WaitAsync(Process server, int port, Func<string> log)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            Assert.False(server.HasExited, $"{server.StartInfo.FileName} ended: {log()}");
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

        Assert.Fail($"{server.StartInfo.FileName} did not listen on 127.0.0.1:{port} within 5 s");
    }
}
