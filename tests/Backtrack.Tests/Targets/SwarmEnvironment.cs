using Backtrack.Configuration;

namespace Backtrack.Tests.Targets;

/// <summary>A swarm environment 'prod' (stack 'shop') whose node 'node-b' has its engine configured.</summary>
public static class SwarmEnvironment
{
    public static readonly EnvironmentConfig Prod = ConfigLoader.Parse("""
        environments:
          prod:
            backend: swarm
            stack: shop
            nodes:
              node-b: tcp://node-b:2376
        """, "backtrack.yml").Select("prod");
}
