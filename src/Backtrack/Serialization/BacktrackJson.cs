using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Backtrack.Serialization;

/// <summary>Where the library's stored JSON gets its metadata: the generated context first, reflection for the rest.</summary>
internal static class BacktrackJson
{
    /// <summary>The generated context, then reflection (Docker.DotNet's models, a test's own steps).</summary>
    public static IJsonTypeInfoResolver Resolver { get; } = JsonTypeInfoResolver.Combine(BacktrackJsonContext.Default, new DefaultJsonTypeInfoResolver());

    /// <summary>System.Text.Json's default options (what the release store always wrote) through <see cref="Resolver"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = Resolver };
}
