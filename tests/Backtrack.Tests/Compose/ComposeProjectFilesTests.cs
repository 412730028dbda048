using Backtrack.Compose;

namespace Backtrack.Tests.Compose;

public sealed class ComposeProjectFilesTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["TAG"] = "v2", ["EMPTY"] = "" };

    [Theory]
    [InlineData("shop/web:${TAG}", "shop/web:v2")]
    [InlineData("shop/web:${MISSING:-v1}", "shop/web:v1")]
    [InlineData("shop/web:${EMPTY:-v1}", "shop/web:v1")]
    [InlineData("shop/web:${EMPTY-v1}", "shop/web:")]
    [InlineData("shop/web:$TAG", "shop/web:v2")]
    [InlineData("shop/web:v3", "shop/web:v3")]
    public void Image_lines_resolve_as_Compose_resolves_them(string raw, string expected)
    {
        Assert.Equal(expected, ComposeProjectFiles.Interpolate(raw, Variables));
    }

    [Theory]
    [InlineData("shop/web:${WEB_TAG:-v1}", "shop/web:v1", "WEB_TAG", "v1")]
    [InlineData("${WEB_IMAGE}", "sha256:abc", "WEB_IMAGE", "sha256:abc")]
    public void A_pin_sets_the_variable_the_image_line_uses(string raw, string image, string variable, string value)
    {
        Assert.Equal((variable, value), ComposeProjectFiles.PinVariable(raw, image));
    }

    [Theory]
    [InlineData("shop/web:v3", "shop/web:v1")]
    [InlineData("shop/web:${TAG}", "other/web:v1")]
    [InlineData("${REPO}:${TAG}", "shop/web:v1")]
    public void Without_one_matching_variable_a_pin_needs_the_override_file(string raw, string image)
    {
        Assert.Null(ComposeProjectFiles.PinVariable(raw, image));
    }
}
