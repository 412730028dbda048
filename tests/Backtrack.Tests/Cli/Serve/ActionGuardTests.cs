using Backtrack.Cli.Serve;
using Microsoft.AspNetCore.Http;

namespace Backtrack.Tests.Cli.Serve;

public sealed class ActionGuardTests
{
    private const string Token = "a-long-enough-test-token";
    private const string Csrf = "csrf-value-of-the-page-session-0123456789ab";

    [Fact]
    public void Given_the_page_origin_its_csrf_value_and_the_token_when_checked_then_it_may_act() =>
        Assert.Null(Guard().Refusal(Request()));

    [Theory]
    [InlineData("http://attacker.example", Csrf, Csrf, Token, "cross-site")]
    [InlineData("", Csrf, Csrf, Token, "cross-site")]
    [InlineData("http://127.0.0.1:8480", Csrf, "", Token, "CSRF")]
    [InlineData("http://127.0.0.1:8480", Csrf, "another-value", Token, "CSRF")]
    [InlineData("http://127.0.0.1:8480", "", "", Token, "CSRF")]
    [InlineData("http://127.0.0.1:8480", Csrf, Csrf, "", "token")]
    [InlineData("http://127.0.0.1:8480", Csrf, Csrf, "a-long-enough-test-tokeN", "token")]
    public void Given_a_forged_or_incomplete_request_when_checked_then_it_is_refused_saying_why(
        string origin, string cookie, string header, string token, string reason)
    {
        var refusal = Guard().Refusal(Request(origin, cookie, header, token));

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_cross_site_fetch_metadata_header_when_checked_then_it_is_refused()
    {
        var request = Request();
        request.Headers["Sec-Fetch-Site"] = "cross-site";

        Assert.Contains("cross-site", Guard().Refusal(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_token_file_when_a_complete_request_is_checked_then_the_page_is_read_only() =>
        Assert.Contains("read-only", new ActionGuard(null).Refusal(Request()), StringComparison.Ordinal);

    private static ActionGuard Guard()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, Token + "\n");
        try
        {
            return new ActionGuard(AccessToken.ReadAsync(file, CancellationToken.None).GetAwaiter().GetResult());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static HttpRequest Request(string origin = "http://127.0.0.1:8480", string cookie = Csrf, string header = Csrf, string token = Token)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1", 8480);
        http.Request.Method = "POST";
        if (origin.Length > 0)
        {
            http.Request.Headers.Origin = origin;
        }

        if (cookie.Length > 0)
        {
            http.Request.Headers.Cookie = $"{ActionGuard.CsrfCookie}={cookie}";
        }

        http.Request.Headers[ActionGuard.CsrfHeader] = header;
        http.Request.Headers[ActionGuard.TokenHeader] = token;
        return http.Request;
    }
}
