namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>The <c>notify:</c> section of a test that listens as PagerDuty (its routing key in BT_TEST_PD_KEY) and as the SMTP server.</summary>
public static class NotifyTestChannels
{
    /// <summary>For <see cref="ComposeFixture.ConfigureAsync"/>; EMAIL_SETTINGS are further keys of the email channel (login, tls, trust).</summary>
    public static string Yaml(string pagerDutyUrl, int smtpPort, params string[] emailSettings) => $"""
        notify:
          pagerduty:
            routingKeyEnv: BT_TEST_PD_KEY
            url: {pagerDutyUrl}
          email:
            host: 127.0.0.1
            port: {smtpPort}
            from: backtrack@example.test
            to: [ops@example.test, lead@example.test]

        """ + string.Concat(emailSettings.Select(s => $"    {s}\n"));
}
