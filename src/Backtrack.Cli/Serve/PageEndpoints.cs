using System.Text.Json;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backtrack.Cli.Serve;

/// <summary>
/// The page's routes: the page and its assets, a JSON endpoint behind every view (the CLI's -o json
/// shapes), the live feed, and the two action endpoints (plan, then run), which only a request that
/// passes the <see cref="ActionGuard"/> reaches.
/// </summary>
public static class PageEndpoints
{
    public static void Map(WebApplication app, IReadOnlyList<ServedEnvironment> environments, ActionGuard guard, ActionRunner actions)
    {
        var byName = environments.ToDictionary(e => e.Config.Name, StringComparer.Ordinal);
        app.MapGet("/", () => Results.Redirect($"/env/{Uri.EscapeDataString(environments[0].Config.Name)}"));
        app.MapGet("/env/{name}", (string name) => byName.ContainsKey(name) ? EmbeddedAssets.Serve("index.html") : UnknownEnvironment(name));
        app.MapGet("/assets/{name}", EmbeddedAssets.Serve);
        app.MapGet("/api/environments", () => JsonReply(environments.Select(e => new EnvironmentJson(e.Config.Name, e.Config.Project)).ToArray()));
        app.MapGet("/api/session", (HttpContext http) => JsonReply(new SessionJson(ActionGuard.IssueCsrf(http), guard.ActionsAllowed)));

        var api = app.MapGroup("/api/env/{name}");
        MapView(api, byName, "/status", async (e, _, ct) => await e.StatusAsync(ct).ConfigureAwait(false));
        MapView(api, byName, "/releases", async (e, _, ct) => await e.ReleasesAsync(ct).ConfigureAwait(false));
        MapView(api, byName, "/history", async (e, _, ct) => await e.HistoryAsync(ct).ConfigureAwait(false));
        MapView(api, byName, "/inventory", async (e, _, ct) => await e.InventoryAsync(ct).ConfigureAwait(false));
        MapView(api, byName, "/operations/{operation}/verification", (e, http, ct) => e.VerificationAsync(Route(http, "operation"), ct));
        api.MapGet("/operations/{operation}/report", (HttpContext http, string name, string operation, CancellationToken ct) => ReplyAsync(byName, name, async e =>
        {
            http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ReportPolicy;
            return Results.Content(await e.ReportAsync(operation, ct).ConfigureAwait(false), "text/html; charset=utf-8");
        }));
        api.MapGet("/events", (HttpContext http, string name, CancellationToken ct) =>
            byName.TryGetValue(name, out var e) ? LiveFeed.StreamAsync(http, e, ct) : UnknownEnvironment(name).ExecuteAsync(http));
        MapAction(api, byName, guard, "/actions/plan", (e, request, ct) => ActionRunner.PlanAsync(e.Config, request, ct));
        MapAction(api, byName, guard, "/actions/run", (e, request, ct) => actions.StartAsync(e.Config, request, ct));
    }

    private static void MapView<T>(
        RouteGroupBuilder api, Dictionary<string, ServedEnvironment> byName, string pattern, Func<ServedEnvironment, HttpContext, CancellationToken, Task<T?>> view)
        where T : class =>
        api.MapGet(pattern, (HttpContext http, string name, CancellationToken ct) => ReplyAsync(byName, name, async e =>
            await view(e, http, ct).ConfigureAwait(false) is { } value ? JsonReply(value) : Results.NotFound()));

    private static void MapAction<T>(
        RouteGroupBuilder api, Dictionary<string, ServedEnvironment> byName, ActionGuard guard, string pattern,
        Func<ServedEnvironment, ActionRequest, CancellationToken, Task<T>> action) =>
        api.MapPost(pattern, async (HttpContext http, string name, CancellationToken ct) =>
        {
            if (guard.Refusal(http.Request) is { } refusal)
            {
                return JsonReply(new ErrorJson(refusal), StatusCodes.Status403Forbidden);
            }

            ActionRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync(Json.Request<ActionRequest>(), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                request = null;
            }

            return request is null
                ? JsonReply(new ErrorJson("the body must be JSON: {\"action\": \"rollback\"|\"verify\"|\"snapshot\", \"services\": [...], \"to\": \"previous\"}"), StatusCodes.Status400BadRequest)
                : await ReplyAsync(byName, name, async e => JsonReply(await action(e, request, ct).ConfigureAwait(false))).ConfigureAwait(false);
        });

    /// <summary>Errors become a status code and one line, as Program.cs makes them an exit code and one line.</summary>
    private static async Task<IResult> ReplyAsync(Dictionary<string, ServedEnvironment> byName, string name, Func<ServedEnvironment, Task<IResult>> reply)
    {
        if (!byName.TryGetValue(name, out var environment))
        {
            return UnknownEnvironment(name);
        }

        try
        {
            return await reply(environment).ConfigureAwait(false);
        }
        catch (ConflictException e)
        {
            return JsonReply(new ErrorJson(e.Message), StatusCodes.Status409Conflict);
        }
        catch (BacktrackException e)
        {
            return JsonReply(new ErrorJson(e.Message), StatusCodes.Status400BadRequest);
        }
    }

    private static string Route(HttpContext http, string key) => http.Request.RouteValues[key]?.ToString() ?? "";

    private static IResult UnknownEnvironment(string name) =>
        JsonReply(new ErrorJson($"no environment '{name}' is served; see /api/environments"), StatusCodes.Status404NotFound);

    private static IResult JsonReply<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Text(Json.Serialize(value), "application/json; charset=utf-8", statusCode: status);
}
