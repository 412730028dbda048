using Backtrack.Scenarios;

namespace Backtrack.Tests.Scenarios;

public sealed class EnvDiffTests
{
    [Fact]
    public void The_diff_names_keys_and_never_values()
    {
        var current = new Dictionary<string, string> { ["SAME"] = "x", ["TOKEN"] = "secret-now", ["EXTRA"] = "e-value" };
        var restored = new Dictionary<string, string> { ["SAME"] = "x", ["TOKEN"] = "secret-before", ["OLD"] = "o-value" };

        var diff = EnvDiff.Compare(current, restored);

        Assert.Equal(["OLD"], diff.Added);
        Assert.Equal(["EXTRA"], diff.Removed);
        Assert.Equal(["TOKEN"], diff.Changed);
        Assert.Equal("TOKEN changed, OLD added, EXTRA removed (values masked)", diff.Describe());
        Assert.DoesNotContain("secret", diff.Describe());
        Assert.DoesNotContain("value", diff.Describe().Replace("values masked", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Equal_files_make_an_empty_diff() =>
        Assert.True(EnvDiff.Compare(new Dictionary<string, string> { ["A"] = "1" }, new Dictionary<string, string> { ["A"] = "1" }).IsEmpty);
}
