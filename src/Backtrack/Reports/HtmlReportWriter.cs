using System.Net;
using System.Text;

namespace Backtrack.Reports;

/// <summary>Writes the report as one self-contained HTML page, every value encoded.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private readonly StringBuilder body = new();
    private string? title;

    public void Heading(int level, string text)
    {
        title ??= text;
        body.Append("<h").Append(level).Append('>').Append(WebUtility.HtmlEncode(text)).Append("</h").Append(level).AppendLine(">");
    }

    public void Paragraph(string text) => body.Append("<p>").Append(WebUtility.HtmlEncode(text)).AppendLine("</p>");

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        body.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            body.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }

        body.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var cell in row)
            {
                body.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            body.AppendLine("</tr>");
        }

        body.AppendLine("</tbody></table>");
    }

    public void Placeholder(string text) => body.Append("<p><em>").Append(WebUtility.HtmlEncode(text)).AppendLine("</em></p>");

    public string Finish() => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{WebUtility.HtmlEncode(title ?? "Incident report")}</title>
        <style>body{"{"}font-family:sans-serif;max-width:70em;margin:2em auto{"}"} table{"{"}border-collapse:collapse;margin-bottom:1em{"}"} th,td{"{"}border:1px solid #ccc;padding:.2em .5em;text-align:left{"}"}</style>
        </head>
        <body>
        {body}</body>
        </html>

        """;
}
