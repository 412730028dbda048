using System.Text.Json;
using System.Text.Json.Serialization;
using Backtrack.Secrets;

namespace Backtrack.Cli.Views;

/// <summary>The --output json writer: camelCase, indented, enums as names, every string redacted.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new RedactingStringConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The same shape on one line, for server-sent events (an event's data ends at a newline).</summary>
    private static readonly JsonSerializerOptions CompactOptions = new(Options) { WriteIndented = false };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    public static string Serialize<T>(T value, bool indented = true) => JsonSerializer.Serialize(value, indented ? Options : CompactOptions);
}
