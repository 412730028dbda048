using System.Net.Http.Json;
using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Backtrack.IntegrationTests;

/// <summary>The status page in Debian's chromium against a real stack: live status, a rollback through the page, refusals.</summary>
[Collection("serve-browser")]
public sealed class ServeBrowserTests(ServeStack serve) : IClassFixture<ServeStack>, IAsyncLifetime
{
    private ChromiumSession browser = null!;

    public async Task InitializeAsync() => browser = await ChromiumSession.StartAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task The_page_turns_a_broken_service_red_live_refuses_without_the_token_and_rolls_back_with_it()
    {
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(serve.Url.ToString());
        foreach (var service in new[] { "web", "api", "worker" })
        {
            await page.Locator($"#services tr[data-service={service}].ok").WaitForAsync(new() { Timeout = 30_000 });
        }

        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await ChromiumSession.ScreenshotAsync(page, "desktop.png");

        // A bad deploy through the engine: the new container runs, fails its check, and its row turns red
        // without a reload within 2 s of the deploy (while Compose swaps, the old and new rows show both).
        await serve.Stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v2", ["SECRET_TOKEN"] = "second-secret-value" }, "web");
        await page.Locator("#services tr[data-service=web][data-state=running].bad").WaitForAsync(new() { Timeout = 2_000 });
        var broken = await serve.Stack.ContainerIdAsync("web");

        // Without the token: refused (403), nothing changes.
        await page.SelectOptionAsync("#action", "rollback-service");
        await page.SelectOptionAsync("#service", "web");
        await page.ClickAsync("#show-plan");
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("refused (403)");
        Assert.True(await page.Locator("#confirm").IsHiddenAsync());
        Assert.Equal(broken, await serve.Stack.ContainerIdAsync("web"));

        // With it: the plan, a confirmation, the run; the timeline shows the operation's steps as they journal.
        await page.FillAsync("#token", ServeStack.Token);
        await page.ClickAsync("#show-plan");
        await Assertions.Expect(page.Locator("#plan")).ToContainTextAsync("Plan (rollback)");
        await Assertions.Expect(page.Locator("#plan")).ToContainTextAsync("web: start");
        await page.ClickAsync("#run");
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("started");
        var operation = (await page.Locator("#action-result").TextContentAsync())!.Split(' ')[1];
        var timeline = page.Locator($"#timeline li[data-operation='{operation}']");
        await timeline.Locator("li[data-step]").First.WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(timeline.Locator(".outcome-Succeeded").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        Assert.True(await timeline.Locator("li[data-step='container.start']").CountAsync() > 0);
        await page.Locator("#services tr[data-service=web].ok").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("backtrack-demo/web:v1", (await serve.Stack.InspectAsync("web")).Config.Image);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));

        var html = await page.ContentAsync();
        Assert.DoesNotContain("second-secret-value", html, StringComparison.Ordinal);
        Assert.DoesNotContain("first-secret-value", html, StringComparison.Ordinal);
        await ChromiumSession.ScreenshotAsync(page, "desktop-after-rollback.png");
        await page.SetViewportSizeAsync(390, 844);
        await ChromiumSession.ScreenshotAsync(page, "phone.png");
    }

    [Fact]
    public async Task A_forged_cross_site_post_is_refused_and_changes_nothing()
    {
        var web = await serve.Stack.ContainerIdAsync("web");
        using var client = serve.NewClient();
        var operations = (await client.GetFromJsonAsync<JsonElement>(serve.Api("/history"))).GetArrayLength();

        // Another site's page (served by the browser itself, no network) posting a form to the action endpoint.
        var page = await browser.Context.NewPageAsync();
        await page.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                <form method="post" enctype="text/plain" action="{serve.Url}api/env/{serve.Environment}/actions/run">
                  <input name='{"{"}"action":"rollback","services":["web"],"to":"previous","x":"' value='"{"}"}'>
                  <button id="go">go</button>
                </form>
                """,
        }));
        await page.GotoAsync("http://attacker.test/");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#go"), r => r.Url.Contains("/actions/run", StringComparison.Ordinal));

        Assert.Equal(403, response.Status);
        Assert.Equal(web, await serve.Stack.ContainerIdAsync("web"));
        Assert.Equal(operations, (await client.GetFromJsonAsync<JsonElement>(serve.Api("/history"))).GetArrayLength());
    }
}
