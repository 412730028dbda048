using Backtrack.Cli;

namespace Backtrack.Tests.Cli;

public sealed class BuildInfoTests
{
    [Fact]
    public void The_version_line_names_the_version_and_the_commit() =>
        Assert.Equal("backtrack 0.4.0 (commit abc1234)", BuildInfo.Describe("0.4.0+abc1234"));

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("0.4.0+")]
    public void A_build_made_without_git_says_its_commit_is_unknown(string informationalVersion) =>
        Assert.Equal("backtrack 0.4.0 (commit unknown)", BuildInfo.Describe(informationalVersion));

    [Fact]
    public void The_running_build_carries_its_commit() =>
        Assert.Matches(@"^backtrack \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)$", BuildInfo.Describe());
}
