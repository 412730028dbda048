using Backtrack.Engine;

namespace Backtrack.Tests.Engine;

public sealed class ImageReferenceGrammarTests
{
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("web")]
    [InlineData("web:v1")]
    [InlineData("backtrack-demo/web:v1.2-rc_3")]
    [InlineData("shop/web:V1")]
    [InlineData("a__b/c.d/e---f:latest")]
    [InlineData("registry.local:5000/shop/web:v2")]
    [InlineData("Registry.Example.com/shop/web")]
    [InlineData("localhost:5000/web")]
    [InlineData("web@sha256:" + Hex64)]
    [InlineData("shop/web:v1@sha256:" + Hex64)]
    [InlineData("sha256:" + Hex64)]
    [InlineData("0123456789ab")]
    public void Given_a_reference_or_image_id_docker_accepts_when_checked_then_it_is_valid(string reference)
    {
        Assert.True(ImageReferenceGrammar.IsValid(reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NOT A REF!!")]
    [InlineData("shop/web:NOT A REF!!")]
    [InlineData("Shop/Web:v1")]
    [InlineData("shop/web:")]
    [InlineData("shop/web:-v1")]
    [InlineData("shop//web")]
    [InlineData("shop/web/")]
    [InlineData("-web")]
    [InlineData("web_")]
    [InlineData("shop/web:v1@sha256:abc")]
    [InlineData("shop/web@md5:" + Hex64)]
    [InlineData("host:port/web")]
    [InlineData("shop/web:v1:v2")]
    public void Given_text_outside_the_grammar_when_checked_then_it_is_refused(string reference)
    {
        Assert.False(ImageReferenceGrammar.IsValid(reference));
    }

    [Fact]
    public void Given_a_tag_of_129_characters_or_a_name_of_256_when_checked_then_it_is_refused()
    {
        Assert.True(ImageReferenceGrammar.IsValid("web:" + new string('t', 128)));
        Assert.False(ImageReferenceGrammar.IsValid("web:" + new string('t', 129)));
        Assert.True(ImageReferenceGrammar.IsValid(new string('w', 255)));
        Assert.False(ImageReferenceGrammar.IsValid(new string('w', 256)));
    }

    [Theory]
    [InlineData("0123456789ab", true)]
    [InlineData("sha256:" + Hex64, true)]
    [InlineData(Hex64, true)]
    [InlineData("0123456789a", false)]
    [InlineData("0123456789AB", false)]
    [InlineData("v1", false)]
    public void Given_text_when_asked_whether_it_is_an_image_id_then_twelve_lowercase_hex_digits_at_least_are(string text, bool expected)
    {
        Assert.Equal(expected, ImageReferenceGrammar.IsImageId(text));
    }
}
