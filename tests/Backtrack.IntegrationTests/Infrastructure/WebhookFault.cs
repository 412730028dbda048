namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>How a <see cref="FaultyWebhook"/> misbehaves.</summary>
public enum WebhookFault
{
    /// <summary>Accepts the connection and never answers.</summary>
    NeverAnswers,

    /// <summary>Reads each request and answers HTTP 500.</summary>
    Answers500,
}
