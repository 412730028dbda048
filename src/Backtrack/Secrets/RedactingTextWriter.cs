using System.Text;

namespace Backtrack.Secrets;

/// <summary>
/// A console stream that redacts what passes through it (<see cref="SecretRegistry"/>). Text is held until
/// a line ends or the writer is flushed, so a secret written in pieces (Spectre writes styled text segment
/// by segment) is still seen whole; a prompt without a newline must flush.
/// </summary>
public sealed class RedactingTextWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value == '\n')
            {
                Emit();
            }
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            pending.Append(buffer);
            if (buffer.Contains('\n'))
            {
                Emit();
            }
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            var rest = pending.ToString();
            pending.Clear();
            inner.Write(SecretRegistry.Redact(rest));
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes the complete lines held, redacted; keeps the unfinished one.</summary>
    private void Emit()
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n') + 1;
        pending.Clear().Append(text, end, text.Length - end);
        inner.Write(SecretRegistry.Redact(text[..end]));
    }
}
