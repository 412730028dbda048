using Backtrack.Configuration;
using Backtrack.Prometheus;

namespace Backtrack.Tests.Prometheus;

public sealed class PrometheusResponseTests
{
    [Fact]
    public void Given_a_vector_when_parsed_then_every_value_but_NaN_is_read()
    {
        var (values, error) = PrometheusResponse.Parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"job":"a"},"value":[1700000000.1,"0.02"]},
              {"metric":{"job":"b"},"value":[1700000000.1,"0.07"]},
              {"metric":{"job":"c"},"value":[1700000000.1,"NaN"]},
              {"metric":{"job":"d"},"value":[1700000000.1,"+Inf"]}]}}
            """);

        Assert.Null(error);
        Assert.Equal([0.02, 0.07, double.PositiveInfinity], values);
    }

    [Fact]
    public void Given_a_scalar_when_parsed_then_its_value_is_read()
    {
        Assert.Equal([0.5], PrometheusResponse.Parse("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"0.5"]}}""").Values);
    }

    [Theory]
    [InlineData("""{"status":"error","errorType":"bad_data","error":"parse error at char 5"}""", "parse error at char 5")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[]}}""", "not a Prometheus query answer (a matrix result; the query must give an instant vector or a scalar)")]
    [InlineData("<html>proxy error</html>", "not a Prometheus query answer")]
    public void Given_an_error_or_something_else_when_parsed_then_the_error_says_what(string json, string expected)
    {
        var (values, error) = PrometheusResponse.Parse(json);

        Assert.Empty(values);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, PrometheusVerdict.Ok)]
    [InlineData(0.0500001, PrometheusVerdict.Failing)]
    public void Given_a_value_when_judged_then_only_above_the_threshold_fails(double value, PrometheusVerdict expected)
    {
        Assert.Equal(expected, PrometheusReading.Of(value, 0.05).Verdict);
    }

    [Fact]
    public void Given_a_url_with_a_prefix_when_querying_then_the_api_is_under_it_and_the_query_escaped()
    {
        var url = PrometheusSignal.QueryUrl(new PrometheusConfig(new Uri("http://127.0.0.1:9090/prom/"), "sum(x{a=\"b\"}) > 0", 1));

        Assert.Equal("http://127.0.0.1:9090/prom/api/v1/query?query=sum%28x%7Ba%3D%22b%22%7D%29%20%3E%200", url.AbsoluteUri);
    }
}
