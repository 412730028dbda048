using System.Text;

namespace Backtrack.Reports;

/// <summary>Writes the report as GitHub-flavoured Markdown.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    private readonly StringBuilder text = new();

    public void Heading(int level, string text) => this.text.Append('#', level).Append(' ').AppendLine(Inline(text)).AppendLine();

    public void Paragraph(string text) => this.text.AppendLine(Inline(text)).AppendLine();

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.Append("| ").AppendJoin(" | ", headers.Select(Cell)).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }

        text.AppendLine();
    }

    public void Placeholder(string text) => this.text.Append('_').Append(Inline(text)).AppendLine("_").AppendLine();

    public string Finish() => text.ToString().TrimEnd() + "\n";

    /// <summary>Escapes what would break a table cell or start markup.</summary>
    public static string Cell(string value) => Inline(value).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string value) =>
        value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
