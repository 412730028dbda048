namespace Backtrack.Notify;

/// <summary>The channel's server answered and refused the message (an HTTP error status, an SMTP rejection).</summary>
public sealed class NotificationRejectedException(string message) : Exception(message);
