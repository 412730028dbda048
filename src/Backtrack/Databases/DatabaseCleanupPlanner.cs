using Backtrack.Configuration;
using Backtrack.Databases.Steps;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;
using Backtrack.Targets;

namespace Backtrack.Databases;

/// <summary>Plans dropping the databases restores kept aside (NAME__bt_old_...) and leftovers of interrupted ones.</summary>
public sealed class DatabaseCleanupPlanner(IServiceContainers containers, TimeProvider clock)
{
    private const string KeptAside = "SELECT datname FROM pg_database WHERE datname LIKE '%\\_\\_bt\\_%' ORDER BY 1";

    public async Task<Plan> PlanAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var config = DatabaseContainers.PostgresConfig(env);
        var (container, databases) = await containers.RunningBeforeChangesAsync(env, "postgres", config.Service, ct).ConfigureAwait(false);
        var names = await new PostgresClient(databases, container.Id, config).QueryAsync(PostgresClient.MaintenanceDatabase, KeptAside, ct).ConfigureAwait(false);
        var steps = names.Select(n => (PlanStep)new DropDatabaseStep(0, "postgres", n[0])).ToList();
        var summary = steps.Count == 0 ? "no kept-aside databases" : $"drop {steps.Count} kept-aside database(s)";
        return new Plan(Plan.NewId(clock), "snapshot cleanup", summary, steps);
    }
}
