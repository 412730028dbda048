using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>
/// A guarded deploy that fails and is rolled back: PagerDuty hears of one incident, keyed by the deploy (not the
/// rollback's operation), and the mails go over STARTTLS to a server whose certificate an internal CA signed.
/// </summary>
public sealed class DeployIncidentTests : IAsyncLifetime
{
    private const string RoutingKey = "pd-routing-key-deploy-7b2d";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private readonly GuardStack stack = new();
    private readonly WebhookListener pagerDuty = new();
    private readonly TestCertificateAuthority authority = new();
    private readonly SmtpTestServer smtp;

    public DeployIncidentTests()
    {
        smtp = SmtpTestServer.StartWithStartTls(authority.Server);
    }

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await authority.WriteCaAsync(Path.Combine(stack.Directory, "internal-ca.pem"));
        await stack.ReplaceInConfigAsync("    notify:\n      webhookUrlEnv: BT_TEST_WEBHOOK\n", "");
        await stack.ConfigureAsync(NotifyTestChannels.Yaml(pagerDuty.Url, smtp.Port, "tls: starttls", "caFile: internal-ca.pem"));
    }

    public async Task DisposeAsync()
    {
        pagerDuty.Dispose();
        await smtp.DisposeAsync();
        authority.Dispose();
        await stack.DisposeAsync();
    }

    [Fact]
    public async Task A_rolled_back_deploy_pages_one_incident_under_the_deploys_key_and_mails_over_starttls_trusting_the_configured_ca()
    {
        var events = pagerDuty.ReceiveJsonAsync(2, Wait);
        var mails = smtp.ReceiveAsync(1, Wait);
        var variables = GuardStack.Variables("v3", "v3", GuardStack.CrashLoop);
        variables["BT_TEST_PD_KEY"] = RoutingKey;

        var result = await stack.DeployAsync(variables, null);

        Assert.True(result.ExitCode == 6, result.ToString());
        var history = TestStack.ParseJson(await stack.BacktrackAsync("history", "-o", "json"));
        var (beforeDeploy, rollback) = (Id(history[history.GetArrayLength() - 1]), Id(history[0]));
        var received = await events;
        Assert.Equal(["trigger", "resolve"], received.Select(e => Text(e, "event_action")));
        Assert.All(received, e => Assert.Equal($"backtrack/test/deploy/{beforeDeploy}", Text(e, "dedup_key")));
        Assert.NotEqual(beforeDeploy, rollback);
        var mail = Assert.Single(await mails);
        Assert.True(mail.OverTls, "the session did not upgrade to TLS");
        Assert.Contains(" on test", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(RoutingKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("notification failed", result.Stderr, StringComparison.Ordinal);
    }

    private static string Id(JsonElement operation) => Text(operation, "id");

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";
}
