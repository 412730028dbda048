using Backtrack.Scenarios;

namespace Backtrack.Tests.Scenarios;

public sealed class MemorySizeTests
{
    [Theory]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("2g", 2L * 1024 * 1024 * 1024)]
    [InlineData("2G", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5g", 1536L * 1024 * 1024)]
    [InlineData("64mb", 64L * 1024 * 1024)]
    [InlineData("8192k", 8L * 1024 * 1024)]
    [InlineData("10485760", 10L * 1024 * 1024)]
    public void Sizes_parse_as_docker_writes_them(string text, long bytes) => Assert.Equal(bytes, MemorySize.Parse(text, "--limit"));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("2x")]
    [InlineData("-1g")]
    [InlineData("1m")]
    public void Bad_or_too_small_sizes_are_refused(string text)
    {
        var error = Assert.Throws<BacktrackException>(() => MemorySize.Parse(text, "--limit"));
        Assert.StartsWith("--limit", error.Message);
    }

    [Theory]
    [InlineData(0L, "unlimited")]
    [InlineData(64L * 1024 * 1024, "64 MiB")]
    [InlineData(2L * 1024 * 1024 * 1024, "2 GiB")]
    [InlineData(2048L, "2 KiB")]
    public void Sizes_format_in_binary_units(long bytes, string text) => Assert.Equal(text, MemorySize.Format(bytes));
}
