using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>A mail the test SMTP server received: the MAIL and RCPT lines, the AUTH PLAIN answer (base64), the data, whether over TLS.</summary>
public sealed record SmtpTestMail
{
    public string From { get; init; } = "";

    public IReadOnlyList<string> To { get; init; } = [];

    public string? Login { get; init; }

    public string Data { get; init; } = "";

    /// <summary>Whether the session had upgraded to TLS (STARTTLS) before this mail.</summary>
    public bool OverTls { get; init; }

    /// <summary>AUTH PLAIN's "\0user\0password", decoded.</summary>
    public string? DecodedLogin => Login is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(Login));

    /// <summary>The Subject header's value, unfolded (MimeKit folds long headers; it encodes only what is not ASCII).</summary>
    public string Subject
    {
        get
        {
            var lines = Data.Split('\n');
            var start = Array.FindIndex(lines, l => l.StartsWith("Subject: ", StringComparison.Ordinal));
            var folded = lines.Skip(start + 1).TakeWhile(l => l.StartsWith(' ') || l.StartsWith('\t'));
            return string.Concat([lines[start]["Subject: ".Length..], .. folded]);
        }
    }
}
