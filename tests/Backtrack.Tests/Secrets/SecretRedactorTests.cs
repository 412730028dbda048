using Backtrack.Secrets;

namespace Backtrack.Tests.Secrets;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("a&b<c>d\"e'f")]
    [InlineData("p|p$HOME\\x")]
    [InlineData("`back`tick")]
    public void Given_a_secret_with_special_characters_when_redacted_then_none_of_it_is_left(string secret)
    {
        var text = new SecretRedactor([secret]).Redact($"error: login with {secret} refused");

        Assert.Equal("error: login with [redacted] refused", text);
    }

    [Fact]
    public void Given_a_three_character_secret_when_redacted_then_every_occurrence_goes()
    {
        var text = new SecretRedactor(["q7!"]).Redact("q7! and again q7!, not q7");

        Assert.Equal("[redacted] and again [redacted], not q7", text);
    }

    [Fact]
    public void Given_a_secret_inside_another_when_redacted_then_the_longest_is_replaced_whole()
    {
        var text = new SecretRedactor(["abc", "abcdef"]).Redact("x abcdef y abc");

        Assert.Equal("x [redacted] y [redacted]", text);
    }

    [Fact]
    public void Given_a_secret_found_in_the_mask_when_redacted_then_the_mask_is_not_searched_again()
    {
        var text = new SecretRedactor(["act", "s3cr3t"]).Redact("s3cr3t");

        Assert.Equal("[redacted]", text);
    }

    [Theory]
    [InlineData("GET http://admin:hunter2@127.0.0.1:8080/health failed", "GET http://***@127.0.0.1:8080/health failed")]
    [InlineData("postgres://app@db/shop", "postgres://***@db/shop")]
    [InlineData("{\"url\":\"https://u:p@example.org\"}", "{\"url\":\"https://***@example.org\"}")]
    public void Given_a_url_with_userinfo_when_redacted_then_the_userinfo_is_masked(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.None.Redact(text));

    [Fact]
    public void Given_names_of_services_and_no_secret_among_them_when_redacted_then_the_text_is_unchanged()
    {
        const string text = "detektor-api-1 runs backtrack-demo/api:v1 in project shop; mail user@example.org";

        Assert.Same(text, new SecretRedactor(["s3cr3t-value"]).Redact(text));
    }
}
