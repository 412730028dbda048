using Backtrack.Cli.Serve;

namespace Backtrack.Tests.Cli.Serve;

public sealed class ActionRequestTests
{
    private const string Shown = "Plan (rollback): web\n  1. web: set web-1 aside as web-1.bt-aside-20261201-101010-aaaa\n";

    [Fact]
    public void Given_the_same_plan_under_another_id_when_compared_then_it_is_the_confirmed_one() =>
        Assert.True(Request(Shown, "20261201-101010-aaaa").Confirms("20261201-101011-bbbb", Shown.Replace("101010-aaaa", "101011-bbbb", StringComparison.Ordinal)));

    [Theory]
    [InlineData("Plan (rollback): web\n  1. web: stop web-1\n", "20261201-101010-aaaa")]
    [InlineData(Shown, null)]
    [InlineData(null, "20261201-101010-aaaa")]
    public void Given_another_plan_or_no_confirmation_when_compared_then_it_is_not_confirmed(string? text, string? id) =>
        Assert.False(Request(text, id).Confirms("20261201-101010-aaaa", Shown));

    [Theory]
    [InlineData("rollback", new[] { "web", "api" }, "rollback service web api")]
    [InlineData("rollback", new string[0], "rollback all")]
    [InlineData("snapshot", new string[0], "snapshot create")]
    public void Given_an_action_when_named_then_it_is_the_cli_command(string action, string[] services, string command) =>
        Assert.Equal(command, new ActionRequest(action, services, null, null, null).Command);

    [Fact]
    public void Given_an_unknown_action_when_named_then_it_is_refused_listing_the_actions() =>
        Assert.Contains("rollback, verify or snapshot", Assert.Throws<BacktrackException>(() => new ActionRequest("prune", null, null, null, null).Command).Message, StringComparison.Ordinal);

    private static ActionRequest Request(string? text, string? id) => new("rollback", ["web"], "previous", text, id);
}
