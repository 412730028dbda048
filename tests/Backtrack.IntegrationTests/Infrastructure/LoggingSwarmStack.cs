namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="SwarmStack"/> named btsc-xxxxxxxx whose 'api' tasks each say hello on stdout and warn on
/// stderr as they start (naming their own host), so a service's log shows every task's lines.
/// </summary>
public sealed class LoggingSwarmStack : SwarmStack
{
    public LoggingSwarmStack()
        : base("btsc")
    {
    }

    /// <summary>
    /// The image's own command, after the two lines ('$$' is a literal '$' in a stack file); the image's check
    /// every second instead of 5, so an update's tasks are healthy sooner.
    /// </summary>
    protected override string ApiSettings =>
        "\n    entrypoint: [\"/bin/busybox\", \"sh\", \"-c\", \"echo hello from $$(hostname); echo warning from $$(hostname) >&2; "
        + "trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & wait\"]"
        + "\n    healthcheck: { interval: 1s }";
}
