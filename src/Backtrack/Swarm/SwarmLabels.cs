namespace Backtrack.Swarm;

/// <summary>The labels 'docker stack deploy' puts on a stack's services, networks and task containers, and swarm on a task's container.</summary>
public static class SwarmLabels
{
    public const string Stack = "com.docker.stack.namespace";

    /// <summary>On a task's container: the service's full name (STACK_SERVICE).</summary>
    public const string ServiceFullName = "com.docker.swarm.service.name";

    /// <summary>On a task's container: the service's ID.</summary>
    public const string ServiceId = "com.docker.swarm.service.id";

    /// <summary>The stack file's name of a service: swarm names it STACK_SERVICE.</summary>
    public static string ServiceName(string stack, string fullName) =>
        fullName.StartsWith(stack + "_", StringComparison.Ordinal) ? fullName[(stack.Length + 1)..] : fullName;
}
