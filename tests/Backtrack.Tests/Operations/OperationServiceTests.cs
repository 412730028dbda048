using Backtrack.Configuration;
using Backtrack.Execution;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.State;
using Backtrack.Tests.State;

namespace Backtrack.Tests.Operations;

/// <summary>The operation service's refusal: no change starts while an operation awaits repair.</summary>
public sealed class OperationServiceTests : TemporaryStateDatabase
{
    [Fact]
    public async Task Given_an_operation_that_could_not_undo_itself_when_a_change_begins_then_it_is_refused_naming_repair()
    {
        var plan = new Plan("op-1", "rollback", "test", []);
        var journal = new Journal(Database, TimeProvider.System, "rollback all");
        await journal.OperationStartedAsync("op-1", plan, CancellationToken.None);
        await journal.OperationEndedAsync(
            "op-1", new ExecutionResult("op-1", ExecutionOutcome.CompensationFailed, null, "broke", ["undo broke"], TimeSpan.Zero), CancellationToken.None);
        var service = Service();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => service.BeginAsync("pin", dryRun: false, CancellationToken.None));
        using var repair = await service.BeginRepairAsync(dryRun: false, CancellationToken.None);

        Assert.Equal("operation op-1 (rollback all) failed and could not undo itself and left the stack half-done; run 'backtrack repair' first (nothing was changed)", refused.Message);
        Assert.Equal("op-1", Assert.Single(repair.Repairing).Id);
    }

    [Fact]
    public async Task Given_a_change_in_progress_when_a_read_only_command_asks_then_it_is_not_counted_as_interrupted()
    {
        var service = Service();
        using var session = await service.BeginAsync("rollback all", dryRun: false, CancellationToken.None);
        await new Journal(Database, TimeProvider.System, "rollback all").OperationStartedAsync("op-2", new Plan("op-2", "rollback", "test", []), CancellationToken.None);

        Assert.Empty(await service.NeedingRepairAsync(null, CancellationToken.None));
    }

    private OperationService Service()
    {
        var config = new EnvironmentConfig("test", null, "test", Directory, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0, new Dictionary<string, ServiceConfig>());
        return new OperationService(config, TimeProvider.System, _ => Task.FromResult(Database), _ => Task.FromResult<IReadOnlyDictionary<Type, object>>(new Dictionary<Type, object>()), TextWriter.Null);
    }
}
