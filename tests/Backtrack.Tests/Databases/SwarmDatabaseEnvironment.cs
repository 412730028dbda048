using Backtrack.Configuration;

namespace Backtrack.Tests.Databases;

/// <summary>A swarm environment of stack 'shop' with a writer 'app' and Redis in service 'cache'.</summary>
public static class SwarmDatabaseEnvironment
{
    public static readonly EnvironmentConfig Prod = ConfigLoader.Parse("""
        environments:
          prod:
            backend: swarm
            stack: shop
            redis: { service: cache }
            writers: [app]
        """, "backtrack.yml").Select("prod");
}
