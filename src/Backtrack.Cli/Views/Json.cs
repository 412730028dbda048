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

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
