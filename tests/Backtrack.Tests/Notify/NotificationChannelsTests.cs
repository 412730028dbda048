using Backtrack.Configuration;
using Backtrack.Notify;

namespace Backtrack.Tests.Notify;

public sealed class NotificationChannelsTests
{
    private static readonly EmailConfig Email = new("127.0.0.1", 25, "backtrack@example.test", ["ops@example.test", "lead@example.test"], null, null, EmailSecurity.StartTlsWhenOffered);

    [Fact]
    public void Given_every_channel_with_its_variables_when_built_then_each_is_there()
    {
        Environment.SetEnvironmentVariable("BT_UNIT_HOOK_1", "http://127.0.0.1:1/hook");
        Environment.SetEnvironmentVariable("BT_UNIT_PD_1", "routing");
        using var http = new HttpClient();

        var channels = NotificationChannels.FromConfig(
            new NotifyConfig("BT_UNIT_HOOK_1") { PagerDuty = new PagerDutyConfig("BT_UNIT_PD_1", PagerDutyConfig.DefaultUrl), Email = Email }, http, TextWriter.Null);

        Assert.Equal(["webhook", "pagerduty", "email"], channels.Select(c => c.Name));
    }

    [Fact]
    public void Given_empty_variables_when_built_then_those_channels_are_left_out_with_a_warning_each()
    {
        var log = new StringWriter();
        using var http = new HttpClient();

        var channels = NotificationChannels.FromConfig(
            new NotifyConfig("BT_UNIT_HOOK_UNSET") { PagerDuty = new PagerDutyConfig("BT_UNIT_PD_UNSET", PagerDutyConfig.DefaultUrl) }, http, log);

        Assert.Empty(channels);
        Assert.Contains("notify.webhookUrlEnv names BT_UNIT_HOOK_UNSET, which holds no http(s) URL", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("notify.pagerduty.routingKeyEnv names BT_UNIT_PD_UNSET, which is empty", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_notice_when_mailed_then_the_subject_is_its_headline_and_every_recipient_is_addressed()
    {
        using var message = EmailChannel.Message(Email, new OperationNotice("prod", "op-1", "rollback", "web to v3"));

        Assert.Equal("Backtrack rollback op-1 started on prod", message.Subject);
        Assert.Equal(["ops@example.test", "lead@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("backtrack@example.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Backtrack rollback op-1 started on prod\nweb to v3\n", message.TextBody);
    }
}
