using Backtrack.Cli.Serve;

namespace Backtrack.Tests.Cli.Serve;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8480", "127.0.0.1:8480")]
    [InlineData("[::1]:0", "[::1]:0")]
    [InlineData("localhost:9000", "127.0.0.1:9000")]
    public void Given_a_loopback_address_when_parsed_then_it_is_served_without_tls(string text, string expected)
    {
        var endpoint = ListenAddress.Parse(text);

        ListenAddress.RequireSafe(endpoint, tls: false, insecureAllowed: false);
        Assert.Equal(expected, endpoint.ToString());
    }

    [Theory]
    [InlineData("8480")]
    [InlineData("127.0.0.1")]
    [InlineData("example.org:80")]
    [InlineData("127.0.0.1:99999")]
    public void Given_no_ip_and_port_when_parsed_then_it_is_refused_with_an_example(string text) =>
        Assert.Contains("127.0.0.1:8480", Assert.Throws<BacktrackException>(() => ListenAddress.Parse(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("0.0.0.0:8480")]
    [InlineData("[::]:8480")]
    [InlineData("192.168.1.10:8480")]
    public void Given_a_network_address_when_checked_then_only_tls_or_the_explicit_flag_allow_it(string text)
    {
        var endpoint = ListenAddress.Parse(text);

        Assert.Contains("--insecure-listen", Assert.Throws<BacktrackException>(() => ListenAddress.RequireSafe(endpoint, false, false)).Message, StringComparison.Ordinal);
        ListenAddress.RequireSafe(endpoint, tls: true, insecureAllowed: false);
        ListenAddress.RequireSafe(endpoint, tls: false, insecureAllowed: true);
    }
}
