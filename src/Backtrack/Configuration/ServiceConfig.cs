namespace Backtrack.Configuration;

/// <summary>
/// How to judge one service and how to swap its container: <see cref="Swap"/> says in which order,
/// <see cref="Drain"/> how long the old container keeps serving beside a gated new one before it stops;
/// <see cref="Guard"/> is the service's own choice of guard signals (null: the environment's).
/// </summary>
public sealed record ServiceConfig(string Name, HealthCheckSpec Health, ServiceGuardConfig? Guard = null)
{
    /// <summary>Time for a proxy to notice the new container (its DNS and checks) before the old one goes.</summary>
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(2);

    public SwapOrder Swap { get; init; } = SwapOrder.Auto;

    public TimeSpan Drain { get; init; } = DefaultDrain;
}
