using Microsoft.AspNetCore.Http;

namespace Backtrack.Cli.Serve;

/// <summary>The page, its script and its style, embedded in the executable (no CDN, nothing on disk).</summary>
public static class EmbeddedAssets
{
    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    public static IResult Serve(string name)
    {
        if (!ContentTypes.TryGetValue(name, out var type)
            || typeof(EmbeddedAssets).Assembly.GetManifestResourceStream($"serve/{name}") is not { } stream)
        {
            return Results.NotFound();
        }

        return Results.Stream(stream, type);
    }
}
