using System.Globalization;
using System.Text.Json;

namespace Backtrack.Prometheus;

/// <summary>
/// Reads the answer of Prometheus's <c>/api/v1/query</c>: <c>{"status": "success", "data": {"resultType":
/// "vector", "result": [{"metric": {...}, "value": [time, "0.07"]}]}}</c> (or a scalar), or
/// <c>{"status": "error", "error": "..."}</c>.
/// </summary>
public static class PrometheusResponse
{
    /// <summary>The samples' values (NaN left out: 0/0 when nothing was counted), or the error Prometheus gave.</summary>
    public static (IReadOnlyList<double> Values, string? Error) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                return ([], root.TryGetProperty("error", out var error) ? error.GetString() ?? "error" : "error");
            }

            var data = root.GetProperty("data");
            var result = data.GetProperty("result");
            var samples = data.GetProperty("resultType").GetString() switch
            {
                "vector" => result.EnumerateArray().Select(series => series.GetProperty("value")).ToList(),
                "scalar" => [result],
                var type => throw new FormatException($"a {type} result; the query must give an instant vector or a scalar"),
            };
            return (samples.Select(Value).Where(v => !double.IsNaN(v)).ToList(), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ([], $"not a Prometheus query answer ({e.Message})");
        }
    }

    /// <summary>A sample is [time, "value"]; the value is a string, possibly NaN or +Inf.</summary>
    private static double Value(JsonElement sample) => sample[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
