using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Backtrack.Cli.Serve;

/// <summary>
/// What an action request must show: the page's own origin, the CSRF value of its cookie echoed in a
/// header (a cross-site form can set neither), and the token given to 'serve --token-file'.
/// </summary>
public sealed class ActionGuard(AccessToken? token)
{
    public const string TokenHeader = "X-Backtrack-Token";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string CsrfCookie = "backtrack_csrf";

    public bool ActionsAllowed => token is not null;

    /// <summary>Issues the page's CSRF value in a strict same-site cookie and returns it for the page's script to echo.</summary>
    public static string IssueCsrf(HttpContext http)
    {
        var value = http.Request.Cookies.TryGetValue(CsrfCookie, out var existing) && existing.Length == 43
            ? existing
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(CsrfCookie, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });
        return value;
    }

    /// <summary>Why the request may not act, or null when it may.</summary>
    public string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin != $"{request.Scheme}://{request.Host}" || request.Headers["Sec-Fetch-Site"].ToString() is not ("" or "same-origin"))
        {
            return "cross-site request refused: actions come from the status page itself";
        }

        if (!request.Cookies.TryGetValue(CsrfCookie, out var cookie) || !SameText(cookie, request.Headers[CsrfHeader].ToString()))
        {
            return "missing or stale CSRF token; reload the page";
        }

        if (token is null)
        {
            return "the page is read-only; start 'backtrack serve --token-file FILE' to allow actions";
        }

        return token.Matches(request.Headers[TokenHeader].ToString()) ? null : "wrong or missing token";
    }

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
