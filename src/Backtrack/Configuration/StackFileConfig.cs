namespace Backtrack.Configuration;

/// <summary>
/// The stack file a swarm environment is deployed from ('docker stack deploy -c FILE') and the env file its
/// ${VARS} come from: swarm records neither, and drift and pin need both.
/// </summary>
public sealed record StackFileConfig(string Path, string EnvFile);
