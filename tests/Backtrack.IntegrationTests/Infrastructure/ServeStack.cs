using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="TestStack"/> at v1 with its release recorded, and 'backtrack serve' on it: on 127.0.0.1,
/// a free port the server picks itself, actions allowed with a token from a file.
/// </summary>
public sealed class ServeStack : IAsyncLifetime
{
    public const string Token = "serve-test-token-6f1d2c9a8b7e";

    private BacktrackProcess? server;

    public TestStack Stack { get; } = new();

    public Uri Url { get; private set; } = null!;

    public string Environment => "test";

    public async Task InitializeAsync()
    {
        await Stack.InitializeAndRecordAsync("v1");
        var tokenFile = Path.Combine(Stack.Directory, "serve.token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        (server, Url) = await StartServerAsync("--token-file", tokenFile);
    }

    /// <summary>Another 'backtrack serve' on the stack, on a free loopback port; dispose it with 'await using'.</summary>
    public async Task<(BacktrackProcess Server, Uri Url)> StartServerAsync(params string[] options)
    {
        var process = Stack.StartBacktrack(["serve", "--listen", "127.0.0.1:0", .. options]);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.DisposeAsync();
            throw new InvalidOperationException($"serve ended before it listened: {error}");
        }

        return (process, new Uri(line.Split(' ')[1]));
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await Stack.DisposeAsync();
    }

    /// <summary>A client of the page with its own cookies (the CSRF cookie), as a browser tab would have.</summary>
    public HttpClient NewClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Url };

    public string Api(string path) => $"/api/env/{Environment}{path}";

    /// <summary>Posts an action as the page does: its origin, the session's CSRF value echoed, the token (each overridable to forge one).</summary>
    public async Task<HttpResponseMessage> PostActionAsync(
        HttpClient client, string path, object body, string? token = Token, string? origin = null, bool echoCsrf = true)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var request = new HttpRequestMessage(HttpMethod.Post, Api(path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", origin ?? Url.GetLeftPart(UriPartial.Authority));
        if (echoCsrf)
        {
            request.Headers.Add("X-CSRF-Token", session.GetProperty("csrf").GetString());
        }

        if (token is not null)
        {
            request.Headers.Add("X-Backtrack-Token", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Polls the journal until the operation has ended (bounded), and returns its record as the page's JSON.</summary>
    public async Task<JsonElement> WaitForOperationAsync(HttpClient client, string operation, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var history = await client.GetFromJsonAsync<JsonElement>(Api("/history"));
            var record = history.EnumerateArray().FirstOrDefault(o => o.GetProperty("id").GetString() == operation);
            if (record.ValueKind == JsonValueKind.Object && record.GetProperty("ended").ValueKind != JsonValueKind.Null)
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"operation {operation} did not end within {timeout}");
            await Task.Delay(250);
        }
    }
}
