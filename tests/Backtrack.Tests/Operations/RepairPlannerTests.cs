using Backtrack.Execution;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.State;
using Backtrack.Tests.State;

namespace Backtrack.Tests.Operations;

/// <summary>The generic repair, on a real state Database: a killed operation is rebuilt from the journal and undone.</summary>
public sealed class RepairPlannerTests : TemporaryStateDatabase
{
    [Fact]
    public async Task Given_an_operation_killed_in_its_second_step_when_repair_is_planned_then_both_are_undone_newest_first()
    {
        var plan = await KilledAsync("op-1", ["one", "two", "three"], completed: 1, started: 2);

        var repair = await PlanRepairAsync();

        Assert.Equal(["undo step 2 of op-1 (a): undo two", "undo step 1 of op-1 (a): undo one"], repair.Steps.Select(s => s.Describe()));
        Assert.Equal(plan.Steps[1], ((UndoStep)repair.Steps[0]).Inner);
    }

    [Fact]
    public async Task Given_a_repair_that_was_killed_itself_when_repair_is_planned_again_then_only_what_is_left_is_undone()
    {
        var plan = await KilledAsync("op-1", ["one", "two"], completed: 2, started: 2);
        var first = await PlanRepairAsync();
        var journal = new Journal(Database, TimeProvider.System, "repair");
        await journal.OperationStartedAsync(first.Id, first, CancellationToken.None);
        await journal.StepStartedAsync(first.Id, 1, first.Steps[0], StepPhase.Apply, CancellationToken.None);
        await journal.StepEndedAsync(first.Id, 1, first.Steps[0], StepPhase.Apply, null, CancellationToken.None);

        var second = await PlanRepairAsync();

        Assert.Equal(["undo step 1 of op-1 (a): undo one"], second.Steps.Select(s => s.Describe()));
        Assert.Equal(plan.Steps[0], ((UndoStep)second.Steps[0]).Inner);
    }

    [Fact]
    public async Task Given_an_operation_past_its_point_of_no_return_when_repair_is_planned_then_it_is_completed_forward()
    {
        await KilledAsync("op-1", ["one", "push!", "gate"], completed: 2, started: 2);

        var repair = await PlanRepairAsync();

        Assert.Equal(["gate"], repair.Steps.Select(s => s.Describe()));
        Assert.Contains("forward", repair.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_operation_whose_undo_failed_when_repair_is_planned_then_the_undos_that_failed_are_run_again()
    {
        var plan = new Plan("op-1", "test", "test", [new JournaledTestStep(0, "a", "one"), new JournaledTestStep(0, "a", "two"), new JournaledTestStep(0, "a", "three")]);
        var journal = new Journal(Database, TimeProvider.System, "test");
        await journal.OperationStartedAsync("op-1", plan, CancellationToken.None);
        await RunAsync(journal, 1, plan.Steps[0], StepPhase.Apply, null);
        await RunAsync(journal, 2, plan.Steps[1], StepPhase.Apply, null);
        await RunAsync(journal, 3, plan.Steps[2], StepPhase.Apply, new BacktrackException("three broke"));
        await RunAsync(journal, 4, plan.Steps[1], StepPhase.Compensate, null);
        await RunAsync(journal, 5, plan.Steps[0], StepPhase.Compensate, new BacktrackException("undo one broke"));
        await journal.OperationEndedAsync(
            "op-1", new ExecutionResult("op-1", ExecutionOutcome.CompensationFailed, plan.Steps[2], "three broke", ["undo one broke"], TimeSpan.Zero), CancellationToken.None);

        var pending = await new JournalReader(Database).NeedingRepairAsync(CancellationToken.None);
        var repair = await PlanRepairAsync();

        Assert.True(Assert.Single(pending).UndoFailed);
        Assert.Equal(["undo step 1 of op-1 (a): undo one"], repair.Steps.Select(s => s.Describe()));
    }

    [Fact]
    public async Task Given_a_repaired_operation_when_the_journal_is_read_then_nothing_needs_repair()
    {
        await KilledAsync("op-1", ["one"], completed: 1, started: 1);

        await new Journal(Database, TimeProvider.System, "repair").MarkRepairedAsync("op-1", "repair-1", CancellationToken.None);

        Assert.Empty(await new JournalReader(Database).NeedingRepairAsync(CancellationToken.None));
        var closed = Assert.Single(await new JournalReader(Database).ListAsync(10, CancellationToken.None));
        Assert.Equal(("Interrupted", "repair-1"), (closed.Outcome, closed.RepairedBy));
    }

    private static async Task RunAsync(Journal journal, int sequence, PlanStep step, StepPhase phase, Exception? error)
    {
        await journal.StepStartedAsync("op-1", sequence, step, phase, CancellationToken.None);
        await journal.StepEndedAsync("op-1", sequence, step, phase, error, CancellationToken.None);
    }

    [Fact]
    public async Task Given_an_operation_killed_midway_in_its_point_of_no_return_when_repair_is_planned_then_it_is_completed_forward_from_that_step()
    {
        await KilledAsync("op-1", ["one", "push!", "gate"], completed: 1, started: 2);

        var repair = await PlanRepairAsync();

        Assert.Equal(["push!", "gate"], repair.Steps.Select(s => s.Describe()));
        Assert.Contains("forward", repair.Summary, StringComparison.Ordinal);
    }

    private async Task<Plan> KilledAsync(string id, string[] names, int completed, int started)
    {
        var plan = new Plan(id, "test", "test", names.Select(n => (PlanStep)new JournaledTestStep(0, "a", n)).ToList());
        var journal = new Journal(Database, TimeProvider.System, "test");
        await journal.OperationStartedAsync(id, plan, CancellationToken.None);
        for (var i = 0; i < started; i++)
        {
            await journal.StepStartedAsync(id, i + 1, plan.Steps[i], StepPhase.Apply, CancellationToken.None);
            if (i < completed)
            {
                await journal.StepEndedAsync(id, i + 1, plan.Steps[i], StepPhase.Apply, null, CancellationToken.None);
            }
        }

        return plan;
    }

    private async Task<Plan> PlanRepairAsync()
    {
        var reader = new JournalReader(Database);
        return await new RepairPlanner(reader, TimeProvider.System).PlanAsync(await reader.NeedingRepairAsync(CancellationToken.None), CancellationToken.None);
    }
}

/// <summary>A step with an undo, journaled as data; a name ending in '!' marks a point of no return.</summary>
[StepKind("test.step")]
public sealed record JournaledTestStep(int Wave, string Lane, string Name) : PlanStep(Wave, Lane)
{
    public override bool PointOfNoReturn => Name.EndsWith('!');

    public override string Describe() => Name;

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;

    public override string DescribeCompensation() => $"undo {Name}";
}
