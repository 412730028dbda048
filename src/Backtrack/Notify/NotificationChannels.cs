using Backtrack.Configuration;

namespace Backtrack.Notify;

/// <summary>The channels backtrack.yml's <c>notify:</c> configures; one whose variable holds nothing usable is left out, said on the log.</summary>
public static class NotificationChannels
{
    public static IReadOnlyList<INotificationChannel> FromConfig(NotifyConfig config, HttpClient http, TextWriter log)
    {
        var channels = new List<INotificationChannel>();
        if (config.WebhookUrlEnv is { } webhookVariable)
        {
            if (Variable(webhookVariable) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                channels.Add(new WebhookChannel(url, http));
            }
            else
            {
                log.WriteLine($"warning: notify.webhookUrlEnv names {webhookVariable}, which holds no http(s) URL; no webhook notifications are sent");
            }
        }

        if (config.PagerDuty is { } pagerDuty)
        {
            if (Variable(pagerDuty.RoutingKeyEnv) is { } routingKey)
            {
                channels.Add(new PagerDutyChannel(pagerDuty.Url, routingKey, http));
            }
            else
            {
                log.WriteLine($"warning: notify.pagerduty.routingKeyEnv names {pagerDuty.RoutingKeyEnv}, which is empty; PagerDuty is not notified");
            }
        }

        if (config.Email is { } email)
        {
            channels.Add(new EmailChannel(email, Login(email, log)));
        }

        return channels;
    }

    /// <summary>The SMTP login when both variables are named; one of them empty sends without login, said on the log.</summary>
    private static SmtpLogin? Login(EmailConfig email, TextWriter log)
    {
        if (email.UsernameEnv is null && email.PasswordEnv is null)
        {
            return null;
        }

        if (email.UsernameEnv is { } user && email.PasswordEnv is { } password && Variable(user) is { } name && Variable(password) is { } secret)
        {
            return new SmtpLogin(name, secret);
        }

        log.WriteLine("warning: notify.email needs both usernameEnv and passwordEnv naming non-empty variables to log in; mail is sent without a login");
        return null;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
