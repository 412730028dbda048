using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;

namespace Backtrack.FullSystem.Steps;

/// <summary>Waits until a freshly started Postgres answers queries.</summary>
[StepKind("postgres.wait-ready")]
public sealed record WaitPostgresReadyStep(int Wave, string Lane, string Container, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"wait until Postgres in {Container} answers (at most {Timeout.TotalSeconds:0.#} s)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var client = new PostgresClient(context.Engine, Container, DatabaseContainers.PostgresConfig(context.Environment));
        var deadline = context.Clock.GetUtcNow() + Timeout;
        while (true)
        {
            try
            {
                await client.ServerVersionAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (BacktrackException) when (context.Clock.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
        }
    }
}
