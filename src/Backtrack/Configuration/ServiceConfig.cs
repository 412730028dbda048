namespace Backtrack.Configuration;

public sealed record ServiceConfig(string Name, HealthCheckSpec Health)
{
    /// <summary>The service's own guard signals, beside the environment's.</summary>
    public GuardConfig Guard { get; init; } = GuardConfig.None;
}
