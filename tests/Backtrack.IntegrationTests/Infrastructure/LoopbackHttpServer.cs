using System.Net;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>An HTTP server on 127.0.0.1 for one test that answers every request through the subclass until disposed.</summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private Task serving = Task.CompletedTask;

    protected LoopbackHttpServer()
    {
        Port = ComposeFixture.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts answering; called by the subclass once it is constructed.</summary>
    protected void Listen()
    {
        listener.Start();
        serving = ServeAsync();
    }

    /// <summary>Answers one request and closes the response.</summary>
    protected abstract Task RespondAsync(HttpListenerResponse response);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await RespondAsync(context.Response);
        }
    }
}
