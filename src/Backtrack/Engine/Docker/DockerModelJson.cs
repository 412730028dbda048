using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Docker.DotNet.Models;
using Backtrack.Serialization;

namespace Backtrack.Engine.Docker;

/// <summary>
/// Docker.DotNet's models as JSON through the metadata Docker.DotNet generates for its own requests, with
/// System.Text.Json's default options: the JSON is what reflection wrote before (a stored spec reads back
/// unchanged), and it needs no reflection-based serializer (the CLI and its native build have none).
/// </summary>
internal static class DockerModelJson
{
    /// <summary>
    /// Docker.DotNet keeps its context internal, and our own cannot be generated for its models (their
    /// converters are internal too); the assembly is kept whole in the native build (TrimmerRootAssembly).
    /// </summary>
    private const string ContextType = "Docker.DotNet.Models.DockerModelsJsonSerializerContext";

    private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = DockerContext() };

    public static JsonTypeInfo<T> Of<T>() => Options.TypeInfo<T>();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Docker.DotNet is a TrimmerRootAssembly of the native build")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Docker.DotNet is a TrimmerRootAssembly of the native build")]
    private static IJsonTypeInfoResolver DockerContext() =>
        typeof(HostConfig).Assembly.GetType(ContextType, throwOnError: true)!.GetProperty("Default")!.GetValue(null) as IJsonTypeInfoResolver
            ?? throw new InvalidOperationException($"{ContextType}.Default is no JSON metadata resolver");
}
