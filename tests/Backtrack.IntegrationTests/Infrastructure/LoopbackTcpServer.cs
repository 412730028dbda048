using System.Net;
using System.Net.Sockets;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP server on 127.0.0.1 for one test: accepts every connection and hands it to the subclass (which may
/// leave it unanswered). It counts the connections it accepted; disposing stops it and closes them all.
/// </summary>
public abstract class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> clients = [];
    private readonly CancellationTokenSource stop = new();
    private Task accepting = Task.CompletedTask;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections
    {
        get
        {
            lock (clients)
            {
                return clients.Count;
            }
        }
    }

    /// <summary>Cancelled when the server is disposed: conversations end with it.</summary>
    protected CancellationToken Stopping => stop.Token;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        lock (clients)
        {
            clients.ForEach(c => c.Dispose());
        }

        stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts listening; called by the subclass once it is constructed.</summary>
    protected void Listen()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>A new connection; the server owns and closes it.</summary>
    protected abstract void Accepted(TcpClient client);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (clients)
            {
                clients.Add(client);
            }

            Accepted(client);
        }
    }
}
