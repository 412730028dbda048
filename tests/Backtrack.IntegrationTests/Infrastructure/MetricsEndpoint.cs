using System.Globalization;
using System.Net;
using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>The test app's /metrics on 127.0.0.1: one gauge, app_error_ratio, whose value the test switches.</summary>
public sealed class MetricsEndpoint : LoopbackHttpServer
{
    private double errorRatio;

    public MetricsEndpoint(double errorRatio)
    {
        this.errorRatio = errorRatio;
        Listen();
    }

    public double ErrorRatio
    {
        get => Volatile.Read(ref errorRatio);
        set => Volatile.Write(ref errorRatio, value);
    }

    protected override async Task RespondAsync(HttpListenerResponse response)
    {
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"# TYPE app_error_ratio gauge\napp_error_ratio {ErrorRatio}\n"));
        response.ContentType = "text/plain; version=0.0.4";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
