namespace Backtrack.Swarm;

/// <summary>The labels 'docker stack deploy' puts on a stack's services, networks and task containers.</summary>
public static class SwarmLabels
{
    public const string Stack = "com.docker.stack.namespace";

    /// <summary>The stack file's name of a service: swarm names it STACK_SERVICE.</summary>
    public static string ServiceName(string stack, string fullName) =>
        fullName.StartsWith(stack + "_", StringComparison.Ordinal) ? fullName[(stack.Length + 1)..] : fullName;
}
