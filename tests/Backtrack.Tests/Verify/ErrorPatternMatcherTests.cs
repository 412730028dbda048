using Backtrack.Configuration;
using Backtrack.Verify;

namespace Backtrack.Tests.Verify;

public sealed class ErrorPatternMatcherTests
{
    private readonly ErrorPatternMatcher matcher = new(VerifyConfig.Default.ErrorPatterns);

    [Theory]
    [InlineData("2025-01-01 ERROR db unreachable", "ERROR")]
    [InlineData("FATAL: role does not exist", "FATAL")]
    [InlineData("goroutine 1 [running]: panic: nil map", "panic")]
    [InlineData("Traceback (most recent call last):", "Traceback")]
    [InlineData("Unhandled System.NullReferenceException", "Exception")]
    public void The_default_patterns_find_error_lines(string line, string pattern) => Assert.Equal(pattern, matcher.Match(line));

    [Theory]
    [InlineData("GET /health 200")]
    [InlineData("error budget ok")]
    [InlineData("no exceptions today")]
    public void Matching_is_case_aware_and_ignores_ordinary_lines(string line) => Assert.Null(matcher.Match(line));

    [Fact]
    public void Configured_patterns_are_regular_expressions() =>
        Assert.Equal(@"level=(error|crit)", new ErrorPatternMatcher([@"level=(error|crit)"]).Match("ts=1 level=crit msg=x"));

    [Fact]
    public void A_broken_pattern_is_a_clear_configuration_error() =>
        Assert.Contains("verify.errorPatterns: '(' is not a regular expression", Assert.Throws<BacktrackException>(() => new ErrorPatternMatcher(["("])).Message);

    [Fact]
    public void The_sessions_a_database_rollback_ends_are_not_error_lines() =>
        Assert.Null(matcher.Match("2026-12-01 17:35:58 UTC [41] FATAL:  terminating connection due to administrator command"));
}
