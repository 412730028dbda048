using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Backtrack.Serialization;

/// <summary>
/// Options' metadata for one type, for System.Text.Json's overloads that take it: those that take options
/// alone may fall back to reflection, so the trimming analyzers flag them; these never do.
/// </summary>
public static class JsonTypeInfoLookup
{
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
