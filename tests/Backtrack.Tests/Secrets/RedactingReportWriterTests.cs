using Backtrack.Reports;
using Backtrack.Secrets;

namespace Backtrack.Tests.Secrets;

public sealed class RedactingReportWriterTests
{
    private const string Secret = "a&b<c>\"d'e|f";

    [Fact]
    public void Given_a_secret_with_markup_characters_when_the_html_report_is_written_then_it_is_redacted_before_escaping()
    {
        var writer = new RedactingReportWriter(new HtmlReportWriter(), new SecretRedactor([Secret]));

        writer.Paragraph($"error: {Secret}");
        writer.Table(["Step", "Outcome"], [["login", $"failed: {Secret}"]]);
        var text = writer.Finish();

        Assert.Contains("<p>error: [redacted]</p>", text);
        Assert.Contains("<td>failed: [redacted]</td>", text);
        Assert.DoesNotContain("a&amp;b", text);
    }

    [Fact]
    public void Given_a_secret_with_markup_characters_when_the_markdown_report_is_written_then_it_is_redacted_before_escaping()
    {
        var writer = new RedactingReportWriter(new MarkdownReportWriter(), new SecretRedactor([Secret]));

        writer.Table(["Step", "Outcome"], [["login", $"failed: {Secret}"]]);
        var text = writer.Finish();

        Assert.Contains("| login | failed: [redacted] |", text);
        Assert.DoesNotContain("&lt;c&gt;", text);
    }
}
