using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backtrack.Secrets;

/// <summary>
/// Redacts every string a JSON document holds before the serializer escapes it: escaped, a secret with
/// <c>" \ &lt; &gt; &amp; '</c> would no longer match on the terminal.
/// </summary>
public sealed class RedactingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SecretRegistry.Redact(value));

    /// <summary>
    /// A dictionary's keys (a snapshot artifact's attribute, a label): without reflection there is no fallback to
    /// System.Text.Json's own string converter, and a key is redacted as a value is.
    /// </summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(SecretRegistry.Redact(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? throw new JsonException("a property name that is not a string");
}
