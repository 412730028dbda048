namespace Backtrack.Configuration;

/// <summary>PagerDuty's Events API v2: the integration's routing key is read from the named variable (a secret); the URL is PagerDuty's unless set.</summary>
public sealed record PagerDutyConfig(string RoutingKeyEnv, Uri Url)
{
    public static readonly Uri DefaultUrl = new("https://events.pagerduty.com/v2/enqueue");
}
