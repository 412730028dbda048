using Backtrack.Secrets;
using Spectre.Console;

namespace Backtrack.Tests.Secrets;

public sealed class RedactingTextWriterTests
{
    private readonly string secret = "w&" + Guid.NewGuid().ToString("N")[..6];

    public RedactingTextWriterTests() => SecretRegistry.AddValue(secret);

    [Fact]
    public void Given_a_secret_written_in_pieces_when_the_line_ends_then_it_is_redacted_whole()
    {
        using var inner = new StringWriter();
        using var writer = new RedactingTextWriter(inner);

        writer.Write("token " + secret[..3]);
        writer.Write(secret[3..]);
        Assert.Equal("", inner.ToString());
        writer.WriteLine(" used");

        Assert.Equal($"token [redacted] used{Environment.NewLine}", inner.ToString());
    }

    [Fact]
    public void Given_an_unfinished_line_when_flushed_then_it_is_written_redacted()
    {
        using var inner = new StringWriter();
        using var writer = new RedactingTextWriter(inner);

        writer.Write($"Proceed with {secret}? ");
        writer.Flush();

        Assert.Equal("Proceed with [redacted]? ", inner.ToString());
    }

    [Theory]
    [InlineData(AnsiSupport.Yes)]
    [InlineData(AnsiSupport.No)]
    public void Given_spectre_writing_a_styled_secret_with_a_space_in_pieces_when_flushed_then_it_is_redacted_whole(AnsiSupport ansi)
    {
        var spaced = "open " + secret;
        SecretRegistry.AddValue(spaced);
        using var inner = new StringWriter();
        using var writer = new RedactingTextWriter(inner);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = ansi });

        console.Markup($"[bold]Use {Markup.Escape(spaced)}?[/] ");
        writer.Flush();

        Assert.Contains("[redacted]?", inner.ToString());
        Assert.DoesNotContain(secret, inner.ToString());
    }
}
