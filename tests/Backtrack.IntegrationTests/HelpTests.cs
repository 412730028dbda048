using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>The built CLI's help: every page renders (descriptions are Spectre markup), whichever commands the command line added.</summary>
public sealed class HelpTests
{
    private static readonly string[] TopLevel =
        ["init", "status", "rollback", "fix", "snapshot", "deploy", "guard", "pin", "repair", "verify", "report", "cleanup", "install", "history", "serve"];

    [Theory]
    [InlineData("")]
    [InlineData("rollback")]
    [InlineData("rollback service")]
    [InlineData("fix")]
    [InlineData("snapshot")]
    [InlineData("snapshot copy")]
    [InlineData("install")]
    [InlineData("init")]
    public async Task Help_renders_with_usage_and_exit_0(string command)
    {
        var result = await ProcessRunner.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"], AppContext.BaseDirectory);

        Assert.True(result.ExitCode == 0 && result.Stdout.Contains("USAGE:", StringComparison.Ordinal) && result.Stderr.Length == 0, result.ToString());
    }

    [Fact]
    public async Task The_top_level_help_lists_every_command_and_an_unknown_one_is_refused_with_exit_2()
    {
        var help = await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), "--help"], AppContext.BaseDirectory);
        var unknown = await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), "statu"], AppContext.BaseDirectory);

        Assert.All(TopLevel, command => Assert.Contains($"\n    {command} ", help.Stdout, StringComparison.Ordinal));
        Assert.True(unknown.ExitCode == 2 && unknown.Stderr.Contains("Unknown command 'statu'", StringComparison.Ordinal), unknown.ToString());
    }
}
