using Backtrack.Hosts;
using Backtrack.Planning;
using Backtrack.Verify;

namespace Backtrack.Tests.Hosts;

public sealed class VerifyHostsStepTests
{
    [Fact]
    public void Given_the_hosts_checklist_step_when_journaled_and_read_back_then_it_names_every_host()
    {
        var step = new VerifyHostsStep(3, [new HostTarget("a", "unix:///a.sock", "shop"), new HostTarget("b", "ssh://b", "shop-b")], TimeSpan.FromMinutes(5));
        var vault = new Dictionary<string, string>();

        var back = (VerifyHostsStep)StepCatalog.Deserialize("hosts.verify", StepCatalog.Serialize(step, vault), vault);

        Assert.Equal(step.Hosts, back.Hosts);
        Assert.Equal((3, "verify", TimeSpan.FromMinutes(5)), (back.Wave, back.Lane, back.Window));
        Assert.True(back.BestEffort);
        Assert.StartsWith("on a, b: check every service running", back.Describe());
    }

    [Fact]
    public void Given_a_checklist_per_host_when_combined_then_one_result_names_each_subject_by_host_and_fails_when_one_check_does()
    {
        var at = DateTimeOffset.UnixEpoch;
        var a = new VerifyReport(at.AddSeconds(2), TimeSpan.FromMinutes(5), [new VerifyCheck("running", "web", true, "1/1")]);
        var b = new VerifyReport(at.AddSeconds(1), TimeSpan.FromMinutes(5), [new VerifyCheck("running", "web", false, "0/1"), new VerifyCheck("disk", "state", true, "9 GiB free")]);

        var combined = VerifyReport.OnHosts([("a", a), ("b", b)], TimeSpan.FromMinutes(5));

        Assert.Equal(["a/web", "b/web", "b/state"], combined.Checks.Select(c => c.Subject));
        Assert.Equal(at.AddSeconds(1), combined.At);
        Assert.False(combined.Passed);
        Assert.Equal("running b/web: 0/1", combined.FailureSummary());
    }
}
