using Backtrack.Secrets;
using Backtrack.Snapshots.Offsite;

namespace Backtrack.Tests.Snapshots.Offsite;

public sealed class OffsiteLocationTests
{
    [Fact]
    public void An_sftp_url_gives_host_port_user_and_path_and_its_password_is_never_shown()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");

        var location = OffsiteLocation.Parse($"sftp://backup:{password}@vault:2222/srv/copies/", "/work");

        Assert.Equal(new SftpAddress("vault", 2222, "backup", password), location.Sftp);
        Assert.Equal("/srv/copies", location.Path);
        Assert.Equal("sftp://backup@vault:2222/srv/copies", location.ToString());
        Assert.DoesNotContain(password, SecretRegistry.Redact($"copying to {password}"));
        Assert.Equal("[vault]:2222", location.Sftp!.KnownHostsName);
    }

    [Fact]
    public void A_directory_is_relative_to_the_working_directory_and_its_last_segment_may_be_an_id()
    {
        var location = OffsiteLocation.Parse("backups/20261201-101010-abcd", "/work");

        Assert.Null(location.Sftp);
        Assert.Equal("20261201-101010-abcd", location.Name);
        Assert.Equal("/work/backups", location.Parent.Path);
    }

    [Theory]
    [InlineData("s3://bucket/x")]
    [InlineData("sftp://vault")]
    [InlineData("")]
    public void Anything_else_is_refused_in_one_line(string text)
    {
        var e = Assert.Throws<BacktrackException>(() => OffsiteLocation.Parse(text, "/work"));
        Assert.DoesNotContain('\n', e.Message);
    }
}
