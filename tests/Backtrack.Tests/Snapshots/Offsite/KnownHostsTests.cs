using System.Security.Cryptography;
using System.Text;
using Backtrack.Snapshots.Offsite;

namespace Backtrack.Tests.Snapshots.Offsite;

public sealed class KnownHostsTests
{
    private static readonly byte[] Key = [1, 2, 3, 4];
    private static readonly string Blob = Convert.ToBase64String(Key);

    [Theory]
    [InlineData("vault", "vault")]
    [InlineData("[127.0.0.1]:2222", "other,[127.0.0.1]:2222")]
    public void A_host_listed_with_its_key_is_known(string name, string hosts)
    {
        Assert.Equal(KnownHosts.Verdict.Known, KnownHosts.Check([$"# comment", $"{hosts} ssh-ed25519 {Blob}"], name, "ssh-ed25519", Key));
    }

    [Fact]
    public void A_hashed_name_is_matched_by_its_hmac()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
#pragma warning disable CA5350 // the format's own algorithm
        var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes("[vault]:2222"));
#pragma warning restore CA5350
        var line = $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 {Blob}";

        Assert.Equal(KnownHosts.Verdict.Known, KnownHosts.Check([line], "[vault]:2222", "ssh-ed25519", Key));
        Assert.Equal(KnownHosts.Verdict.Unknown, KnownHosts.Check([line], "vault", "ssh-ed25519", Key));
    }

    [Fact]
    public void Another_key_of_the_same_type_is_a_changed_host_and_a_missing_line_an_unknown_one()
    {
        Assert.Equal(KnownHosts.Verdict.Changed, KnownHosts.Check([$"vault ssh-ed25519 {Convert.ToBase64String([9, 9])}"], "vault", "ssh-ed25519", Key));
        Assert.Equal(KnownHosts.Verdict.Unknown, KnownHosts.Check([$"other ssh-ed25519 {Blob}"], "vault", "ssh-ed25519", Key));
    }
}
