namespace Backtrack.Configuration;

/// <summary>What runs an environment's services: a Compose project, or a Swarm stack.</summary>
public enum Backend
{
    Compose,
    Swarm,
}
