using Backtrack.Compose;

namespace Backtrack.Tests.Compose;

public sealed class ContainerNamesTests
{
    [Theory]
    [InlineData("shop-web-1")]
    [InlineData("shop_web_1")]
    public void Staging_and_aside_names_lead_back_to_the_proper_name(string name)
    {
        Assert.Equal(name, ContainerNames.Proper(ContainerNames.Staging(name)));
        Assert.Equal(name, ContainerNames.Proper(ContainerNames.Aside(name, "20261124-101010-abcd")));
        Assert.Equal(name, ContainerNames.Proper(name));
        Assert.True(ContainerNames.IsAside(ContainerNames.Aside(name, "20261124-101010-abcd")));
        Assert.True(ContainerNames.IsStaging(ContainerNames.Staging(name)));
        Assert.False(ContainerNames.IsAside(name) || ContainerNames.IsStaging(name));
    }
}
