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
}
