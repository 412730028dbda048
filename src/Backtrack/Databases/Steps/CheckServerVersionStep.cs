using Backtrack.Planning;

namespace Backtrack.Databases.Steps;

/// <summary>Refuses a dump made by a newer Postgres major version than the server's: pg_restore cannot be trusted with it.</summary>
[StepKind("postgres.check-version")]
public sealed record CheckServerVersionStep(int Wave, string Lane, string Container, string DumpVersion, int DumpMajor) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"check the Postgres server in {Container} is at least major version {DumpMajor} (the dump's: {DumpVersion})";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        var (version, number) = await client.ServerVersionAsync(ct).ConfigureAwait(false);
        Require(DumpVersion, DumpMajor, version, number);
    }

    public static void Require(string dumpVersion, int dumpMajor, string serverVersion, int serverNumber)
    {
        if (serverNumber / 10000 < dumpMajor)
        {
            throw new BacktrackException(
                $"the snapshot was dumped from Postgres {dumpVersion}, newer than the server's {serverVersion}; restore it on a server of major version {dumpMajor} or later");
        }
    }
}
