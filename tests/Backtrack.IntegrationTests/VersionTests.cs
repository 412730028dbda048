using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>The built CLI says which version and which commit it is.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_prints_the_version_and_a_commit_git_knows()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), "--version"], AppContext.BaseDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        var match = System.Text.RegularExpressions.Regex.Match(result.Stdout.Trim(), @"^backtrack \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,})\)$");
        Assert.True(match.Success, result.ToString());
        var commit = await ProcessRunner.RunAsync("git", ["cat-file", "-t", match.Groups[1].Value], AppContext.BaseDirectory);
        Assert.Equal("commit", commit.Stdout.Trim());
    }
}
