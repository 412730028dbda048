using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Bad input to every command that changes something (and the options of the others that read a
/// duration): exit 2, one line on stderr saying what is wrong, and nothing changed — no release, no
/// operation, no container touched, no file written, nothing pulled (no operation means no pull step ran).
/// The stack is shared: a case that changed it would fail the cases after it too.
/// </summary>
public sealed class BadInputTests(BadInputStack fixture) : IClassFixture<BadInputStack>
{
    private const string NoImageReference = "is no image tag, reference or ID; give previous, a release number";

    /// <summary>Every mutating command in a form that would run if the state were sound.</summary>
    private static readonly string[][] MutatingCommands =
    [
        ["rollback", "service", "web", "--to", "v1", "--yes"],
        ["rollback", "all", "--yes"],
        ["rollback", "db", "--from", "20260101-000000-0000", "--yes"],
        ["rollback", "full", "--to", "20260101-000000-0000", "--yes"],
        ["rollback", "git", "--to", "HEAD", "--yes"],
        ["fix", "model", "models/model.bin", "--to", "HEAD", "--restart", "model", "--yes"],
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

    /// <summary>The configs of <see cref="BadInputStack"/> whose state is broken, and what the refusal says.</summary>
    private static readonly (string Config, string Expected)[] BrokenStates =
    [
        ("state-is-a-file.yml", "/a-file cannot be used (The file"),
        ("state-under-a-file.yml", "/a-file/state cannot be used ("),
        ("garbage-database.yml", "/garbage-state/backtrack.db cannot be read (SQLite Error 26: 'file is not a database'); if it is damaged, move it aside"),
        ("database-is-a-directory.yml", "/directory-state/backtrack.db cannot be read ("),
    ];

    private static readonly (string Duration, string Expected)[] BadDurations =
    [
        ("0s", "'0s' is too short; give at least 1ms"),
        ("-1s", "'-1s' is not a duration; write a positive number with a unit"),
        ("99999999999d", "'99999999999d' is too long; give at most 30d"),
        ("abc", "'abc' is not a duration"),
    ];

    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["rollback", "service", "web", "--to", "NOT A REF!!", "--yes"], $"--to: 'NOT A REF!!' {NoImageReference}" },
        { ["rollback", "service", "web", "--to", "Web:V1", "--yes"], $"--to: 'Web:V1' {NoImageReference}" },
        { ["rollback", "service", "web", "--to", "web:v1@sha256:abc", "--yes"], $"--to: 'web:v1@sha256:abc' {NoImageReference}" },
        { ["rollback", "all", "--to", "NOT A REF!!", "--yes"], $"--to: 'NOT A REF!!' {NoImageReference}" },
        { ["rollback", "service", "web", "--to", "999", "--yes"], "no release 999; 'backtrack releases' lists them" },
        { ["rollback", "service", "web", "--to", "99999999999999999999999", "--yes"], "no release 99999999999999999999999;" },
        { ["rollback", "all", "--to", "999", "--yes"], "no release 999;" },
        { ["rollback", "service", "nosuch", "--yes"], "unknown service 'nosuch' in environment 'test'; known: model, web" },
        { ["rollback", "db", "--from", "nosuch", "--yes"], "no snapshot 'nosuch' in " },
        { ["rollback", "db", "--from", "nosuch", "--only", "bogus", "--yes"], "--only must be postgres or redis, not 'bogus'" },
        { ["rollback", "full", "--to", "nosuch", "--yes"], "--to: no snapshot 'nosuch' and not a time" },
        { ["rollback", "full", "--to", "2h", "--yes"], "--to: no full snapshot was taken at or before" },
        { ["rollback", "git", "--to", "0000000000000000000000000000000000000000", "--yes"], "'0000000000000000000000000000000000000000' is not a commit of" },
        { ["rollback", "git", "--to", "not-a-commit", "--yes"], "'not-a-commit' is not a commit of" },
        { ["rollback", "git", "--mode", "bogus", "--yes"], "--mode must be 'revert' or 'reset', not 'bogus'" },
        { ["rollback", "git", "--before", "not a time", "--yes"], "--before: git reads 'not a time' as no time in the past" },
        { ["fix", "model", "models/model.bin", "--to", "not-a-commit", "--restart", "model", "--yes"], "'not-a-commit' is not a commit of" },
        { ["fix", "model", "models/nosuch.bin", "--to", "HEAD", "--restart", "model", "--yes"], "models/nosuch.bin is not in commit" },
        { ["fix", "model", "models/model.bin", "--to", "HEAD", "--restart", "nosuch", "--yes"], "unknown service 'nosuch'" },
        { ["fix", "config", "--from", "nosuch", "--yes"], "/deploy/nosuch does not exist and is no snapshot" },
        { ["fix", "memory", "nosuch", "--limit", "1g", "--yes"], "unknown service 'nosuch'" },
        { ["fix", "memory", "web", "--limit", "lots", "--yes"], "--limit: 'lots' is not a memory size" },
        { ["pin", "nosuch", "--yes"], "unknown service 'nosuch'" },
        { ["snapshot", "create", "--only", "bogus"], "--only must be databases, postgres or redis, not 'bogus'" },
        { ["snapshot", "prune", "--yes"], "--keep N is required" },
        { ["snapshot", "prune", "--keep", "0", "--yes"], "--keep must be at least 1" },
        { ["snapshot", "prune", "--keep", "1", "--keep-days", "-1", "--yes"], "--keep-days must be 0 to 36500, not -1" },
        { ["snapshot", "prune", "--keep", "1", "--keep-days", "99999999", "--yes"], "--keep-days must be 0 to 36500, not 99999999" },
        { ["rollback", "service", "web", "--to", "v1", "--yes", "-c", "zero-health-timeout.yml"], "zero-health-timeout.yml:5: environments.test.healthTimeout: '0s' is too short" },
        { ["deploy", "--lock-timeout", "0s", "--", "true"], "--lock-timeout: '0s' is too short" },
        { ["deploy", "-c", "swarm.yml"], "environment 'test' has no 'stackFile:' to deploy: add 'stackFile: path/to/stack.yml'" },
    };

    public static TheoryData<string[], string> BadDurationOptions()
    {
        string[][] options =
        [
            ["rollback", "service", "web", "--to", "v1", "--yes", "--health-timeout"],
            ["rollback", "service", "web", "--to", "v1", "--yes", "--stop-timeout"],
            ["rollback", "all", "--yes", "--stop-timeout"],
            ["rollback", "db", "--from", "20260101-000000-0000", "--yes", "--health-timeout"],
            ["verify", "--window"],
            ["health", "--timeout"],
        ];
        var data = new TheoryData<string[], string>();
        foreach (var option in options)
        {
            foreach (var (duration, expected) in BadDurations)
            {
                data.Add([.. option, duration], $"{option[^1]}: {expected}");
            }
        }

        // Look-backs are bounded at ten years, and what is no duration may still be a time.
        data.Add(["logs", "web", "--since", "0s"], "--since: '0s' is too short");
        data.Add(["logs", "web", "--since", "99999999999d"], "--since: '99999999999d' is too long; give at most 3650d");
        data.Add(["report", "--since", "99999999999d"], "--since: '99999999999d' is too long; give at most 3650d");
        data.Add(["report", "--since", "abc"], "--since: 'abc' is neither a time (2025-11-24T15:00Z) nor a duration (2h)");
        data.Add(["rollback", "full", "--to", "99999999999d", "--yes"], "--to: '99999999999d' is too long; give at most 3650d");
        data.Add(["rollback", "full", "--to", "0s", "--yes"], "--to: '0s' is too short");
        return data;
    }

    public static TheoryData<string[], string> BrokenStateCommands()
    {
        var data = new TheoryData<string[], string>();
        foreach (var (config, expected) in BrokenStates)
        {
            foreach (var command in MutatingCommands)
            {
                data.Add([.. command, "-c", config], expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    [MemberData(nameof(BadDurationOptions))]
    [MemberData(nameof(BrokenStateCommands))]
    public async Task Bad_input_is_refused_with_exit_2_and_one_line_and_changes_nothing(string[] args, string expected)
    {
        var before = await fixture.WorldAsync();

        var result = await fixture.Stack.BacktrackAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stderr.TrimEnd('\n').Split('\n') is [var line] && line.StartsWith("backtrack: ", StringComparison.Ordinal), result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length == 0, result.ToString());
        Assert.Equal(before, await fixture.WorldAsync());
    }
}
