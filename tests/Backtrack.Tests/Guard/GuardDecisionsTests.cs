using Backtrack.Guard;

namespace Backtrack.Tests.Guard;

public sealed class GuardDecisionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("guard-decisions-").FullName;

    [Fact]
    public async Task Given_notes_from_callbacks_when_flushed_before_stopping_then_every_note_is_written_in_order_before_stopped()
    {
        var say = new StringWriter();
        var decisions = new GuardDecisions(new GuardJournal(directory), say, TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            decisions.Note($"note {i}");
        }

        await decisions.FlushNotesAsync();
        await decisions.DecideAsync(new GuardDecision(decisions.Now, GuardDecision.Stopped, "stopped"));
        decisions.Dispose();

        var lines = say.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => $"note: note {i}"), "stopped: stopped"], lines.Select(l => l[(l.IndexOf(" UTC ", StringComparison.Ordinal) + 5)..].TrimEnd('\r')));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
