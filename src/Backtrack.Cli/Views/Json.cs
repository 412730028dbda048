using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backtrack.Secrets;
using Backtrack.Serialization;

namespace Backtrack.Cli.Views;

/// <summary>The --output json writer: camelCase, indented, enums as names (<see cref="CliJsonContext"/>'s), every string redacted.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new RedactingStringConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = CliJsonContext.Default,
    };

    /// <summary>The same shape on one line, for server-sent events (an event's data ends at a newline).</summary>
    private static readonly JsonSerializerOptions CompactOptions = new(Options) { WriteIndented = false };

    /// <summary>What the page posts: System.Text.Json's web defaults, as ASP.NET Core reads a body.</summary>
    private static readonly JsonSerializerOptions RequestOptions = new(JsonSerializerDefaults.Web) { TypeInfoResolver = CliJsonContext.Default };

    public static void Write<T>(T value) => Console.Out.WriteLine(Serialize(value));

    public static string Serialize<T>(T value, bool indented = true) => JsonSerializer.Serialize(value, (indented ? Options : CompactOptions).TypeInfo<T>());

    /// <summary>The metadata to read a request body of type <typeparamref name="T"/> with.</summary>
    public static JsonTypeInfo<T> Request<T>() => RequestOptions.TypeInfo<T>();

}
