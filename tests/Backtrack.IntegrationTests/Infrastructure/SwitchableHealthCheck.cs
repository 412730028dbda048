using System.Net;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>An HTTP health check on 127.0.0.1 that the test turns healthy (200) or unhealthy (503), to hold a health gate open.</summary>
public sealed class SwitchableHealthCheck : LoopbackHttpServer
{
    private volatile bool healthy;

    public SwitchableHealthCheck()
    {
        Url = $"http://127.0.0.1:{Port}/health";
        Listen();
    }

    public string Url { get; }

    public bool Healthy
    {
        get => healthy;
        set => healthy = value;
    }

    protected override Task RespondAsync(HttpListenerResponse response)
    {
        response.StatusCode = healthy ? 200 : 503;
        response.Close();
        return Task.CompletedTask;
    }
}
