using System.Text.RegularExpressions;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>A failing deploy through 'backtrack deploy', and what every such test checks of its rollback.</summary>
public static partial class GuardedDeploy
{
    /// <summary>
    /// Deploys web on v3 with SCRIPT and api on v3, expects exit 6 (rolled back), both services back on v1,
    /// and the detection in the output, the incident report and the webhook's posts.
    /// </summary>
    public static async Task RolledBackAsync(GuardStack stack, string script, string detected)
    {
        using var webhook = new WebhookListener();
        var posts = webhook.ReceiveAsync(4, TimeSpan.FromSeconds(120));

        var result = await stack.DeployAsync(GuardStack.Variables("v3", "v3", script), webhook.Url);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains(detected, result.Stdout);
        Assert.Equal("backtrack-demo/web:v1", await stack.ImageOfAsync("web"));
        Assert.Equal("backtrack-demo/api:v1", await stack.ImageOfAsync("api"));
        var report = await File.ReadAllTextAsync(ReportPath().Match(result.Stdout).Groups[1].Value);
        Assert.Contains("automatic rollback after web: ", report);
        Assert.Contains(detected, report);
        Assert.Contains(await posts, text => text.Contains("automatic rollback after web: ", StringComparison.Ordinal) && text.Contains(detected, StringComparison.Ordinal));
    }

    [GeneratedRegex("report: (\\S+\\.md)")]
    private static partial Regex ReportPath();
}
