using Backtrack.Guard;

namespace Backtrack.Tests.Guard;

public sealed class GuardJournalTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("guard-journal-").FullName;

    [Fact]
    public async Task Given_a_window_opened_and_joined_when_read_back_then_it_is_open_with_every_container_and_the_later_end()
    {
        var journal = new GuardJournal(directory);
        await journal.WriteAsync(Opened(), CancellationToken.None);
        await journal.WriteAsync(new GuardDecision(At.AddSeconds(1), GuardDecision.WindowJoined, "web joined", "w1", Until: At.AddSeconds(9), Containers: new Dictionary<string, string> { ["b"] = "web" }), CancellationToken.None);

        var open = await journal.OpenWindowAsync(CancellationToken.None);

        Assert.NotNull(open);
        Assert.Equal("w1", open.Window);
        Assert.Equal(4, open.Baseline);
        Assert.Equal(At.AddSeconds(9), open.Until);
        Assert.Equal(["a", "b"], open.Containers!.Keys.Order());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, GuardJournal.FileName)));
    }

    [Theory]
    [InlineData(GuardDecision.WindowPassed)]
    [InlineData(GuardDecision.RolledBack)]
    [InlineData(GuardDecision.RollbackFailed)]
    [InlineData(GuardDecision.Skipped)]
    public async Task Given_a_window_that_was_closed_when_read_back_then_none_is_open(string closing)
    {
        var journal = new GuardJournal(directory);
        await journal.WriteAsync(Opened(), CancellationToken.None);
        await journal.WriteAsync(new GuardDecision(At.AddSeconds(8), closing, "closed", "w1"), CancellationToken.None);

        Assert.Null(await journal.OpenWindowAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Given_no_journal_when_read_then_no_window_is_open() =>
        Assert.Null(await new GuardJournal(directory).OpenWindowAsync(CancellationToken.None));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static GuardDecision Opened() =>
        new(At, GuardDecision.WindowOpened, "api runs a new container", "w1", At, At.AddSeconds(5), 4, new Dictionary<string, string> { ["a"] = "api" });
}
