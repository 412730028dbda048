namespace Backtrack.Reports;

/// <summary>The few building blocks an incident report is made of, written as Markdown or HTML.</summary>
public interface IReportWriter
{
    void Heading(int level, string text);

    void Paragraph(string text);

    void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows);

    /// <summary>A field left for a person to fill in.</summary>
    void Placeholder(string text);

    string Finish();
}
