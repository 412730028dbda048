using Backtrack.Engine;
using Backtrack.Guard;

namespace Backtrack.Tests.Guard;

public sealed class ContainerEventJudgeTests
{
    private static readonly Dictionary<string, string> Watched = new() { ["new"] = "web" };

    [Theory]
    [InlineData("oom", null, "OOM killed (out of memory)")]
    [InlineData("die", "3", "exited with code 3")]
    [InlineData("die", "137", "exited with code 137")]
    [InlineData("restart", null, "restarted")]
    public void Given_a_failure_of_a_watched_container_when_judged_then_it_is_detected_for_its_service(string action, string? exitCode, string detail)
    {
        var detection = ContainerEventJudge.Judge(Event(action, "new", exitCode), Watched);

        Assert.NotNull(detection);
        Assert.Equal("web", detection.Subject);
        Assert.Equal(detail, detection.Detail);
    }

    [Theory]
    [InlineData("die", "new", "0")]
    [InlineData("die", "new", "143")]
    [InlineData("start", "new", null)]
    [InlineData("die", "old", "1")]
    [InlineData("oom", "old", null)]
    public void Given_a_clean_stop_a_start_or_a_container_outside_the_window_when_judged_then_nothing_is_detected(string action, string container, string? exitCode) =>
        Assert.Null(ContainerEventJudge.Judge(Event(action, container, exitCode), Watched));

    private static EngineEvent Event(string action, string container, string? exitCode)
    {
        var attributes = new Dictionary<string, string> { ["com.docker.compose.service"] = "web" };
        if (exitCode is not null)
        {
            attributes["exitCode"] = exitCode;
        }

        return new EngineEvent(DateTimeOffset.UnixEpoch, action, container, attributes);
    }
}
