using System.Globalization;
using System.Net;
using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>The test app's /metrics on 127.0.0.1: one gauge, app_error_ratio, whose value the test switches.</summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;
    private double errorRatio;

    public MetricsEndpoint(double errorRatio)
    {
        this.errorRatio = errorRatio;
        Port = ComposeFixture.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = ServeAsync();
    }

    public int Port { get; }

    public double ErrorRatio
    {
        get => Volatile.Read(ref errorRatio);
        set => Volatile.Write(ref errorRatio, value);
    }

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>Answers every request with the metrics text until the listener closes.</summary>
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

            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"# TYPE app_error_ratio gauge\napp_error_ratio {ErrorRatio}\n"));
            context.Response.ContentType = "text/plain; version=0.0.4";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
