using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Backtrack.Serialization;

/// <summary>Where the library's stored JSON gets its metadata: the generated context, reflection only where the process allows it.</summary>
internal static class BacktrackJson
{
    /// <summary>
    /// The generated context; reflection after it only in a process that enables reflection-based JSON (a test
    /// host, for a test's own steps). The CLI disables it, so a type missing from the context fails in every
    /// build and its tests, not only in the native one.
    /// </summary>
    public static IJsonTypeInfoResolver Resolver { get; } = JsonSerializer.IsReflectionEnabledByDefault
        ? JsonTypeInfoResolver.Combine(BacktrackJsonContext.Default, Reflection())
        : BacktrackJsonContext.Default;

    /// <summary>System.Text.Json's default options (what the release store always wrote) through <see cref="Resolver"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = Resolver };

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "called only where reflection-based JSON is enabled, never in the native build")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "called only where reflection-based JSON is enabled, never in the native build")]
    private static DefaultJsonTypeInfoResolver Reflection() => new();
}
