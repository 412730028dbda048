using Backtrack.Scenarios;

namespace Backtrack.Tests.Scenarios;

public sealed class ModelFixPlannerTests
{
    [Theory]
    [InlineData("models/yolov8.pt", "models/yolov8.pt")]
    [InlineData("./models/../models/a.pt", "models/a.pt")]
    [InlineData("/srv/deploy/models/a.pt", "models/a.pt")]
    public void Paths_inside_the_deploy_repository_are_taken_relative_to_it(string file, string relative) =>
        Assert.Equal(relative, ModelFixPlanner.RelativePath("/srv/deploy", file));

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData(".")]
    public void Paths_outside_it_are_refused(string file) =>
        Assert.Throws<BacktrackException>(() => ModelFixPlanner.RelativePath("/srv/deploy", file));
}
