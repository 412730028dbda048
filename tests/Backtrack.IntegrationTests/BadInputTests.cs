using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Bad input to every command that changes something (and the options of the others that read a
/// duration): exit 2, one line on stderr, and nothing changed — no release, no operation, no container
/// touched, no file written. The stack is shared: a case that changed it would fail the cases after it too.
/// </summary>
public sealed class BadInputTests(BadInputStack fixture) : IClassFixture<BadInputStack>
{
    private static readonly string[] BadDurations = ["0s", "-1s", "99999999999d", "abc"];

    /// <summary>Every mutating command in a form that would run if the state were sound.</summary>
    private static readonly string[][] MutatingCommands =
    [
        ["rollback", "service", "web", "--to", "v1", "--yes"],
        ["rollback", "all", "--yes"],
        ["rollback", "db", "--from", "20260101-000000-0000", "--yes"],
        ["rollback", "full", "--to", "20260101-000000-0000", "--yes"],
        ["rollback", "git", "--to", "HEAD", "--yes"],
        ["fix", "model", "models/model.bin", "--restart", "model", "--yes"],
        ["fix", "config", "--yes"],
        ["fix", "memory", "web", "--limit", "1g", "--yes"],
        ["pin", "--yes"],
        ["cleanup", "--yes"],
        ["record"],
        ["snapshot", "create"],
        ["snapshot", "prune", "--keep", "1", "--yes"],
        ["snapshot", "cleanup", "--yes"],
        ["repair", "--yes"],
    ];

    private static readonly string[] BrokenStates = ["state-is-a-file.yml", "state-under-a-file.yml", "garbage-database.yml", "database-is-a-directory.yml"];

    public static TheoryData<string[]> BadArguments => new()
    {
        { ["rollback", "service", "web", "--to", "NOT A REF!!", "--yes"] },
        { ["rollback", "service", "web", "--to", "Web:V1", "--yes"] },
        { ["rollback", "service", "web", "--to", "web:v1@sha256:abc", "--yes"] },
        { ["rollback", "service", "web", "--to", "999", "--yes"] },
        { ["rollback", "service", "web", "--to", "99999999999999999999999", "--yes"] },
        { ["rollback", "service", "nosuch", "--yes"] },
        { ["rollback", "all", "--to", "NOT A REF!!", "--yes"] },
        { ["rollback", "all", "--to", "999", "--yes"] },
        { ["rollback", "db", "--from", "nosuch", "--yes"] },
        { ["rollback", "db", "--from", "nosuch", "--only", "bogus", "--yes"] },
        { ["rollback", "full", "--to", "nosuch", "--yes"] },
        { ["rollback", "full", "--to", "2h", "--yes"] },
        { ["rollback", "git", "--to", "0000000000000000000000000000000000000000", "--yes"] },
        { ["rollback", "git", "--to", "not-a-commit", "--yes"] },
        { ["rollback", "git", "--mode", "bogus", "--yes"] },
        { ["fix", "model", "models/model.bin", "--to", "not-a-commit", "--restart", "model", "--yes"] },
        { ["fix", "model", "models/nosuch.bin", "--restart", "model", "--yes"] },
        { ["fix", "model", "models/model.bin", "--restart", "nosuch", "--yes"] },
        { ["fix", "config", "--from", "nosuch", "--yes"] },
        { ["fix", "memory", "nosuch", "--limit", "1g", "--yes"] },
        { ["fix", "memory", "web", "--limit", "lots", "--yes"] },
        { ["pin", "nosuch", "--yes"] },
        { ["snapshot", "create", "--only", "bogus"] },
        { ["snapshot", "prune", "--yes"] },
        { ["snapshot", "prune", "--keep", "0", "--yes"] },
        { ["-c", "zero-health-timeout.yml", "rollback", "service", "web", "--to", "v1", "--yes"] },
    };

    public static TheoryData<string[]> BadDurationOptions()
    {
        string[][] options =
        [
            ["rollback", "service", "web", "--to", "v1", "--yes", "--health-timeout"],
            ["rollback", "service", "web", "--to", "v1", "--yes", "--stop-timeout"],
            ["rollback", "all", "--yes", "--stop-timeout"],
            ["rollback", "db", "--from", "20260101-000000-0000", "--yes", "--health-timeout"],
            ["verify", "--window"],
            ["logs", "web", "--since"],
            ["report", "--since"],
            ["health", "--timeout"],
        ];
        var data = new TheoryData<string[]>();
        foreach (var option in options)
        {
            foreach (var duration in BadDurations)
            {
                data.Add([.. option, duration]);
            }
        }

        data.Add(["rollback", "full", "--to", "99999999999d", "--yes"]);
        data.Add(["rollback", "full", "--to", "0s", "--yes"]);
        return data;
    }

    public static TheoryData<string[]> BrokenStateCommands()
    {
        var data = new TheoryData<string[]>();
        foreach (var config in BrokenStates)
        {
            foreach (var command in MutatingCommands)
            {
                data.Add(["-c", config, .. command]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    [MemberData(nameof(BadDurationOptions))]
    [MemberData(nameof(BrokenStateCommands))]
    public async Task Bad_input_is_refused_with_exit_2_and_one_line_and_changes_nothing(string[] args)
    {
        var before = await fixture.WorldAsync();

        var result = await fixture.Stack.BacktrackAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines is [var line] && line.StartsWith("backtrack: ", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pull", result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.Stdout.Length == 0, result.ToString());
        Assert.Equal(before, await fixture.WorldAsync());
    }
}
