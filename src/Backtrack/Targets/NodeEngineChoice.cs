using Backtrack.Configuration;

namespace Backtrack.Targets;

/// <summary>
/// Which engine reaches a swarm task: the task on the configured engine's own node → that engine (null);
/// on another node → the address configured for its hostname under 'nodes:'; else refused in one line.
/// </summary>
public static class NodeEngineChoice
{
    /// <summary>The address of the node's engine, or null for the environment's own engine.</summary>
    public static string? Choose(EnvironmentConfig env, string service, string taskNodeId, string localNodeId, string taskNodeHostname)
    {
        if (taskNodeId == localNodeId)
        {
            return null;
        }

        return env.Nodes.TryGetValue(taskNodeHostname, out var address)
            ? address
            : throw new BacktrackException(
                $"service {service} runs on node {taskNodeHostname}, not on the engine's own node; add its engine under nodes: {{ {taskNodeHostname}: ssh://USER@{taskNodeHostname} }} in environment '{env.Name}'");
    }
}
