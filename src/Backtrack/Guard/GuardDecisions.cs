using System.Globalization;

namespace Backtrack.Guard;

/// <summary>Guard's decisions, each written to its journal and told on its output, one line at a time (they come from the loop, the feed and the signals).</summary>
public sealed class GuardDecisions(GuardJournal journal, TextWriter say, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim writing = new(1, 1);

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

    /// <summary>For callbacks that cannot wait (the feed's and the watcher's reports).</summary>
    public void Note(string detail) => _ = NoteAsync(detail);

    public void Dispose() => writing.Dispose();

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";

    public static string Abbreviate(string id) => id.Length > 12 ? id[..12] : id;
}
