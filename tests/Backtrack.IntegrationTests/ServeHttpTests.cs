using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>The status page's HTTP side against a real stack: the JSON views, the guarded actions, the headers, the bind refusal.</summary>
[Collection("serve-http")]
public sealed class ServeHttpTests(ServeStack serve) : IClassFixture<ServeStack>
{
    private static readonly string[] Secrets = ["first-secret-value", "second-secret-value", ServeStack.Token];

    [Fact]
    public async Task Actions_are_refused_without_the_page_origin_its_csrf_value_or_the_token_and_change_nothing()
    {
        using var client = serve.NewClient();
        var web = await serve.Stack.ContainerIdAsync("web");
        var operations = await OperationCountAsync(client);
        var rollback = new { action = "rollback", services = new[] { "web" }, to = "previous" };

        foreach (var (forged, why) in new[]
        {
            (await serve.PostActionAsync(client, "/actions/run", rollback, token: null), "no token"),
            (await serve.PostActionAsync(client, "/actions/run", rollback, token: "serve-test-token-wrong-guess0"), "wrong token"),
            (await serve.PostActionAsync(client, "/actions/run", rollback, origin: "http://attacker.example"), "cross-site origin"),
            (await serve.PostActionAsync(client, "/actions/plan", rollback, echoCsrf: false), "no CSRF value"),
        })
        {
            Assert.True(forged.StatusCode == HttpStatusCode.Forbidden, $"{why}: {forged.StatusCode}");
            AssertNoSecret(await forged.Content.ReadAsStringAsync());
        }

        Assert.Equal(web, await serve.Stack.ContainerIdAsync("web"));
        Assert.Equal(operations, await OperationCountAsync(client));
    }

    [Fact]
    public async Task Every_json_view_has_the_cli_shape_and_a_rollback_runs_through_it_without_a_secret_anywhere()
    {
        await serve.Stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v2", ["SECRET_TOKEN"] = "second-secret-value" }, "web");
        await serve.Stack.RecordAsync("bad");
        using var client = serve.NewClient();
        var request = new { action = "rollback", services = new[] { "web" }, to = "previous" };

        // The plan shown is the --dry-run text; a run confirms exactly that text.
        var planned = await ReadJsonAsync(await serve.PostActionAsync(client, "/actions/plan", request));
        var (text, id) = (planned.GetProperty("text").GetString()!, planned.GetProperty("id").GetString()!);
        var dryRun = await serve.Stack.BacktrackAsync("rollback", "service", "web", "--dry-run");
        Assert.Equal(Lines(WithoutPlanId(dryRun.Stdout)), Lines(WithoutPlanId(text)));
        var stale = await serve.PostActionAsync(client, "/actions/run", new { request.action, request.services, request.to, confirmedPlan = "Plan (rollback): something else", confirmedPlanId = id });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var started = await ReadJsonAsync(await serve.PostActionAsync(client, "/actions/run", new { request.action, request.services, request.to, confirmedPlan = text, confirmedPlanId = id }));
        var operation = started.GetProperty("operation").GetString()!;
        var record = await serve.WaitForOperationAsync(client, operation, TimeSpan.FromSeconds(90));
        Assert.Equal("Succeeded", record.GetProperty("outcome").GetString());
        Assert.Contains("backtrack-demo/web:v1", (await serve.Stack.InspectAsync("web")).Config.Image);

        // Each view against its CLI counterpart's -o json: the same properties.
        await AssertSameShapeAsync(client, "/status", ["status", "-o", "json"], services: true);
        await AssertSameShapeAsync(client, "/releases", ["releases", "-o", "json"], services: false);
        await AssertSameShapeAsync(client, "/history", ["history", "-o", "json"], services: false);
        var inventory = await client.GetFromJsonAsync<JsonElement>(serve.Api("/inventory"));
        Assert.Contains(inventory.GetProperty("releases").EnumerateArray(), r => r.GetProperty("rollbackable").GetBoolean());
        var verification = await client.GetFromJsonAsync<JsonElement>(serve.Api($"/operations/{operation}/verification"));
        Assert.True(verification.TryGetProperty("checks", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(serve.Api("/operations/nope/verification"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/env/nope/status")).StatusCode);

        // Every response: security headers, and no secret (the env values of both releases, the token).
        foreach (var path in new[]
        {
            "/", $"/env/{serve.Environment}", "/assets/app.js", "/assets/app.css", "/api/environments", "/api/session",
            serve.Api("/status"), serve.Api("/releases"), serve.Api("/history"), serve.Api("/inventory"),
            serve.Api($"/operations/{operation}/report"), serve.Api($"/operations/{operation}/verification"),
        })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            AssertSecurityHeaders(response, path);
            AssertNoSecret(await response.Content.ReadAsStringAsync());
        }

        var report = await client.GetStringAsync(serve.Api($"/operations/{operation}/report"));
        Assert.Contains("<html", report, StringComparison.OrdinalIgnoreCase);
        AssertNoSecret(await FirstEventsAsync(client));
    }

    [Fact]
    public async Task Verify_and_snapshot_create_run_through_the_page_and_the_snapshot_shows_in_the_inventory()
    {
        using var client = serve.NewClient();
        var verified = await ReadJsonAsync(await serve.PostActionAsync(client, "/actions/run", new { action = "verify" }));
        Assert.True(verified.GetProperty("verification").GetProperty("checks").GetArrayLength() > 0);

        var planned = await ReadJsonAsync(await serve.PostActionAsync(client, "/actions/plan", new { action = "snapshot" }));
        var (text, id) = (planned.GetProperty("text").GetString()!, planned.GetProperty("id").GetString()!);
        Assert.Contains("Plan (snapshot)", text, StringComparison.Ordinal);
        var started = await ReadJsonAsync(await serve.PostActionAsync(client, "/actions/run", new { action = "snapshot", confirmedPlan = text, confirmedPlanId = id }));
        var operation = started.GetProperty("operation").GetString()!;
        Assert.Equal("Succeeded", (await serve.WaitForOperationAsync(client, operation, TimeSpan.FromSeconds(90))).GetProperty("outcome").GetString());

        var inventory = await client.GetFromJsonAsync<JsonElement>(serve.Api("/inventory"));
        var snapshot = Assert.Single(inventory.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("snapshot").GetProperty("id").GetString() == operation);
        Assert.True(snapshot.GetProperty("discardsSeconds").GetDouble() >= 0);
        var listed = JsonDocument.Parse((await serve.Stack.BacktrackAsync("snapshot", "list", "-o", "json")).Stdout).RootElement;
        Assert.Equal(Shape(listed), Shape(snapshot.GetProperty("snapshot")));
    }

    [Fact]
    public async Task With_a_pem_certificate_and_key_the_page_is_served_over_https()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var (certFile, keyFile) = (Path.Combine(serve.Stack.Directory, "serve.crt"), Path.Combine(serve.Stack.Directory, "serve.key"));
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());

        var (server, url) = await serve.StartServerAsync("--tls-cert", certFile, "--tls-key", keyFile);
        await using var running = server;
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        }) { BaseAddress = url };

        Assert.Equal("https", url.Scheme);
        var environments = await client.GetFromJsonAsync<JsonElement>("/api/environments");
        Assert.Equal(serve.Environment, environments[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_non_loopback_address_or_a_bad_listen_or_token_file_is_refused_in_one_line()
    {
        var refusals = new[]
        {
            await serve.Stack.BacktrackAsync("serve", "--listen", "0.0.0.0:0"),
            await serve.Stack.BacktrackAsync("serve", "--listen", "[::]:0"),
            await serve.Stack.BacktrackAsync("serve", "--listen", "example.org:80"),
            await serve.Stack.BacktrackAsync("serve", "--listen", "127.0.0.1:0", "--token-file", "missing.token"),
        };
        foreach (var result in refusals)
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.DoesNotContain("serving", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("--insecure-listen", refusals[0].Stderr, StringComparison.Ordinal);
    }

    private async Task<int> OperationCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(serve.Api("/history"))).GetArrayLength();

    private async Task AssertSameShapeAsync(HttpClient client, string view, string[] cli, bool services)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(serve.Api(view));
        var result = await serve.Stack.BacktrackAsync(cli);
        var command = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(Shape(command), Shape(page));
        if (services)
        {
            Assert.Equal(Shape(command.GetProperty("services")[0]), Shape(page.GetProperty("services")[0]));
            Assert.Equal(3, page.GetProperty("services").GetArrayLength());
        }
    }

    /// <summary>The property names of an object, or of an array's first element.</summary>
    private static string Shape(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? Shape(element[0])
        : string.Join(",", element.EnumerateObject().Select(p => p.Name));

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        AssertNoSecret(body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The live feed's first events (status, operations), read until both came or 15 s passed.</summary>
    private async Task<string> FirstEventsAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.GetAsync(serve.Api("/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var seen = new System.Text.StringBuilder();
        while (!(seen.ToString().Contains("event: status", StringComparison.Ordinal) && seen.ToString().Contains("event: operations", StringComparison.Ordinal)))
        {
            seen.AppendLine(await reader.ReadLineAsync(timeout.Token));
        }

        return seen.ToString();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string path)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"), $"{path}: no Referrer-Policy");
    }

    private static void AssertNoSecret(string body)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    /// <summary>Each plan has its own ID (20261124-153012-4f2a), which names the containers it sets aside.</summary>
    private static string WithoutPlanId(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d{8}-\d{6}-[0-9a-f]{4}", "{operation}");

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
}
