using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Backtrack.Planning;

/// <summary>
/// Steps as data: kind name to type and back, a step to its parameters as JSON and back. Nested steps
/// (a step wrapping another) are written as {kind, params}. Parameters marked <see cref="SealedAttribute"/>
/// are written as their digest; their JSON goes to the caller's vault instead.
/// </summary>
public static class StepCatalog
{
    private static readonly ConcurrentDictionary<Type, string> Kinds = new();

    private static readonly List<Type> RegisteredTypes = [];

    private static readonly Dictionary<Type, JsonConverter> SealedConverters = [];

    /// <summary>None until <see cref="Register"/> gives the library's (its module initializer does, before any use).</summary>
    private static IJsonTypeInfoResolver metadata = JsonTypeInfoResolver.Combine();

    /// <summary>Registered step types (the library's), and those of loaded assemblies built on it (a test's own steps), by kind.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Types = new(() =>
        RegisteredTypes.Concat(StepsOfAssembliesBuiltOnTheLibrary()).Distinct()
            .ToDictionary(KindOf, t => t, StringComparer.Ordinal));

    /// <summary>The vault sealed values go to (serializing) or come from (reading), for the current synchronous call.</summary>
    [ThreadStatic]
    private static IDictionary<string, string>? vault;

    private static readonly Lazy<JsonSerializerOptions> Options = new(() => new()
    {
        Converters = { new NestedStepConverter() },
        TypeInfoResolver = metadata.WithAddedModifier(SealProperties),
    });

    /// <summary>A sealed value's own JSON: System.Text.Json's defaults.</summary>
    private static readonly Lazy<JsonSerializerOptions> ValueOptions = new(() => new() { TypeInfoResolver = metadata });

    /// <summary>
    /// The library's step types and where their JSON metadata comes from (generated: the native build cannot
    /// build reflection's converters at run time). Called once, as the library loads, before any step is read.
    /// </summary>
    public static void Register(IEnumerable<Type> stepTypes, IJsonTypeInfoResolver stepMetadata)
    {
        RegisteredTypes.AddRange(stepTypes);
        metadata = stepMetadata;
    }

    /// <summary>Lets parameters of type <typeparamref name="T"/> be <see cref="SealedAttribute"/> (a converter made ahead of time).</summary>
    public static void RegisterSealed<T>() => SealedConverters[typeof(T)] = new SealedConverter<T>();

    /// <summary>Every step kind known (the library's, and those of loaded assemblies built on it).</summary>
    public static IReadOnlyCollection<string> AllKinds => Types.Value.Keys.ToList();

    /// <summary>A test's own steps, found by reflection where the runtime has it (the native build holds only the library's).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "only where dynamic code runs (a JIT test host); the native build skips it")]
    private static IEnumerable<Type> StepsOfAssembliesBuiltOnTheLibrary() => !RuntimeFeature.IsDynamicCodeSupported ? [] :
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetReferencedAssemblies().Any(n => n.Name == typeof(PlanStep).Assembly.GetName().Name))
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(PlanStep)) && !t.IsAbstract && t.GetCustomAttribute<StepKindAttribute>() is not null);

    public static string KindOf(Type type) =>
        Kinds.GetOrAdd(type, t => t.GetCustomAttribute<StepKindAttribute>()?.Name
            ?? throw new InvalidOperationException($"step type {t.Name} has no [StepKind]"));

    /// <summary>The step's parameters as JSON; sealed values are added to <paramref name="sealedValues"/> by digest.</summary>
    public static string Serialize(PlanStep step, IDictionary<string, string> sealedValues) =>
        WithVault(sealedValues, () => JsonSerializer.Serialize(step, Options.Value.GetTypeInfo(step.GetType())));

    /// <summary>The step of a kind from its parameters; sealed values are looked up in <paramref name="sealedValues"/>.</summary>
    public static PlanStep Deserialize(string kind, string parameters, IDictionary<string, string> sealedValues)
    {
        var type = Types.Value.GetValueOrDefault(kind) ?? throw new BacktrackException($"the journal names a step kind this version does not know: '{kind}'");
        return WithVault(sealedValues, () => (PlanStep)(JsonSerializer.Deserialize(parameters, Options.Value.GetTypeInfo(type))
            ?? throw new BacktrackException($"the journal holds no parameters for a '{kind}' step")));
    }

    private static T WithVault<T>(IDictionary<string, string> values, Func<T> call)
    {
        var outer = vault;
        vault = values;
        try
        {
            return call();
        }
        finally
        {
            vault = outer;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "step types are kept whole: the library is a TrimmerRootAssembly of the native build")]
    private static void SealProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !info.Type.IsSubclassOf(typeof(PlanStep)))
        {
            return;
        }

        var sealedNames = info.Type.GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<SealedAttribute>() is not null).Select(p => p.Name)
            .Concat(info.Type.GetProperties().Where(p => p.GetCustomAttribute<SealedAttribute>() is not null).Select(p => p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties.Where(p => sealedNames.Contains(p.Name)))
        {
            property.CustomConverter = SealedConverters.GetValueOrDefault(property.PropertyType)
                ?? throw new InvalidOperationException($"{info.Type.Name}.{property.Name}: sealed values of type {property.PropertyType.Name} need StepCatalog.RegisterSealed");
        }
    }

    /// <summary>A sealed value: its JSON in the vault under its digest; the digest in the step's parameters.</summary>
    private sealed class SealedConverter<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var digest = reader.GetString() ?? throw new JsonException("a sealed value without its digest");
            var json = vault?.TryGetValue(digest, out var stored) == true ? stored : throw new BacktrackException($"the journal lacks the sealed value {digest}");
            return JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)ValueOptions.Value.GetTypeInfo(typeof(T)));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var json = JsonSerializer.Serialize(value, (JsonTypeInfo<T>)ValueOptions.Value.GetTypeInfo(typeof(T)));
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            if (vault is { } target)
            {
                target[digest] = json;
            }

            writer.WriteStringValue(digest);
        }
    }

    /// <summary>A step inside a step's parameters: {"kind": ..., "params": {...}}.</summary>
    private sealed class NestedStepConverter : JsonConverter<PlanStep>
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(PlanStep);

        public override PlanStep Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var kind = document.RootElement.GetProperty("kind").GetString() ?? throw new JsonException("a nested step without its kind");
            var type = Types.Value.GetValueOrDefault(kind) ?? throw new BacktrackException($"the journal names a step kind this version does not know: '{kind}'");
            return (PlanStep)(document.RootElement.GetProperty("params").Deserialize(options.GetTypeInfo(type)) ?? throw new JsonException($"no parameters for '{kind}'"));
        }

        public override void Write(Utf8JsonWriter writer, PlanStep value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", value.Kind);
            writer.WritePropertyName("params");
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
            writer.WriteEndObject();
        }
    }
}
