using System.Net;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>An HTTP health check on 127.0.0.1 that the test turns healthy (200) or unhealthy (503), to hold a health gate open.</summary>
public sealed class SwitchableHealthCheck : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;
    private volatile bool healthy;

    public SwitchableHealthCheck()
    {
        var port = ComposeFixture.FreePort();
        Url = $"http://127.0.0.1:{port}/health";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        serving = ServeAsync();
    }

    public string Url { get; }

    public bool Healthy
    {
        get => healthy;
        set => healthy = value;
    }

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>Answers every request until the listener is closed.</summary>
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

            context.Response.StatusCode = healthy ? 200 : 503;
            context.Response.Close();
        }
    }
}
