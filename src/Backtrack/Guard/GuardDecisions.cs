using System.Globalization;
using System.Threading.Channels;

namespace Backtrack.Guard;

/// <summary>Guard's decisions, each written to its journal and told on its output, one line at a time (they come from the loop, the feed and the signals).</summary>
public sealed class GuardDecisions : IDisposable
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly Channel<GuardDecision> notes = Channel.CreateUnbounded<GuardDecision>(new UnboundedChannelOptions { SingleReader = true });
    private readonly GuardJournal journal;
    private readonly TextWriter say;
    private readonly TimeProvider clock;
    private readonly Task noting;

    public GuardDecisions(GuardJournal journal, TextWriter say, TimeProvider clock)
    {
        this.journal = journal;
        this.say = say;
        this.clock = clock;
        noting = Task.Run(WriteNotesAsync);
    }

    /// <summary>Where the decisions go, and an open window is read back from.</summary>
    public GuardJournal Journal => journal;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task DecideAsync(GuardDecision decision)
    {
        await writing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await journal.WriteAsync(decision, CancellationToken.None).ConfigureAwait(false);
            await say.WriteLineAsync($"{Time(decision.At)} {decision.Decision}: {decision.Detail}").ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public Task NoteAsync(string detail) => DecideAsync(new GuardDecision(Now, GuardDecision.Note, detail));

    /// <summary>For callbacks that cannot wait (the feed's and the watcher's reports): queued, written in order by one task.</summary>
    public void Note(string detail) => notes.Writer.TryWrite(new GuardDecision(Now, GuardDecision.Note, detail));

    /// <summary>Writes every note queued so far (before "stopped" and disposing, so none lands after them or is lost); later ones are dropped.</summary>
    public async Task FlushNotesAsync()
    {
        notes.Writer.TryComplete();
        await noting.ConfigureAwait(false);
    }

    public void Dispose()
    {
        notes.Writer.TryComplete();
        writing.Dispose();
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";

    public static string Abbreviate(string id) => id.Length > 12 ? id[..12] : id;

    private async Task WriteNotesAsync()
    {
        await foreach (var note in notes.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await DecideAsync(note).ConfigureAwait(false);
        }
    }
}
