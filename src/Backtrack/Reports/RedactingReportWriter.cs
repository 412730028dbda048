using Backtrack.Secrets;

namespace Backtrack.Reports;

/// <summary>
/// Redacts every text before the inner writer escapes it: once Markdown or HTML has turned a secret's
/// <c>&amp; &lt; &gt; " '</c> into entities, the escaped form would no longer match the secret.
/// </summary>
public sealed class RedactingReportWriter(IReportWriter inner, SecretRedactor redactor) : IReportWriter
{
    public void Heading(int level, string text) => inner.Heading(level, redactor.Redact(text));

    public void Paragraph(string text) => inner.Paragraph(redactor.Redact(text));

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        inner.Table(headers.Select(redactor.Redact).ToList(), rows.Select(row => (IReadOnlyList<string>)row.Select(redactor.Redact).ToList()));

    public void Placeholder(string text) => inner.Placeholder(redactor.Redact(text));

    public string Finish() => inner.Finish();
}
