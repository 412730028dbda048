using Backtrack.Configuration;

namespace Backtrack.Targets;

/// <summary>Lookups made while planning, before anything changes.</summary>
public static class PlanningLookup
{
    /// <summary>
    /// <see cref="IServiceContainers.RunningAsync"/> whose refusal says nothing was changed: true only at
    /// planning time (steps and undos find the container again mid-operation).
    /// </summary>
    public static async Task<LocatedContainer> RunningBeforeChangesAsync(
        this IServiceContainers containers, EnvironmentConfig env, string what, string service, CancellationToken ct)
    {
        try
        {
            return await containers.RunningAsync(env, what, service, ct).ConfigureAwait(false);
        }
        catch (BacktrackException e) when (e.GetType() == typeof(BacktrackException))
        {
            throw new BacktrackException(e.Message + " (nothing was changed)", e);
        }
    }
}
