using Backtrack.Configuration;

namespace Backtrack.Tests.Configuration;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1ms", 1)]
    [InlineData("2s", 2000)]
    [InlineData("5m", 300000)]
    [InlineData("1.5h", 5400000)]
    [InlineData("7", 7000)]
    [InlineData(" 30d ", 2592000000)]
    public void Given_a_duration_as_operators_write_it_when_parsed_then_it_is_read(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Durations.Parse(text, "--timeout"));
    }

    [Theory]
    [InlineData("5 minutes", "--since: '5 minutes' is not a duration; write a positive number with a unit, e.g. 500ms, 30s, 5m or 2h")]
    [InlineData("abc", "--since: 'abc' is not a duration")]
    [InlineData("-1s", "--since: '-1s' is not a duration")]
    [InlineData("", "--since: '' is not a duration")]
    [InlineData("0s", "--since: '0s' is too short; give at least 1ms, e.g. 30s")]
    [InlineData("0", "--since: '0' is too short")]
    [InlineData("0.0001ms", "--since: '0.0001ms' is too short")]
    [InlineData("30.001d", "--since: '30.001d' is too long; give at most 30d")]
    [InlineData("99999999999d", "--since: '99999999999d' is too long; give at most 30d")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999ms", "is too long")]
    public void Given_bad_input_when_parsed_then_the_error_names_the_option_and_says_what_to_write(string text, string expected)
    {
        var error = Assert.Throws<BacktrackException>(() => Durations.Parse(text, "--since"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_look_back_when_parsed_with_its_own_bound_then_years_are_allowed_and_overflow_is_not()
    {
        Assert.Equal(TimeSpan.FromDays(365), Durations.Parse("365d", "--since", Durations.LookBackMaximum));

        var error = Assert.Throws<BacktrackException>(() => Durations.Parse("99999999999d", "--since", Durations.LookBackMaximum));

        Assert.Equal("--since: '99999999999d' is too long; give at most 3650d", error.Message);
    }

    [Theory]
    [InlineData("2h", true)]
    [InlineData("0s", true)]
    [InlineData("99999999999d", true)]
    [InlineData("2026-01-31T14:00Z", false)]
    [InlineData("20260131-140000-abcd", false)]
    public void Given_text_when_asked_whether_it_is_written_as_a_duration_then_its_size_does_not_matter(string text, bool expected)
    {
        Assert.Equal(expected, Durations.IsDuration(text));
    }
}
