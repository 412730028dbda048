using System.Collections.Concurrent;
using Backtrack.Execution;
using Backtrack.Planning;

namespace Backtrack.Tests.Execution;

public sealed class PlanExecutorTests
{
    private readonly ConcurrentQueue<string> log = new();

    [Fact]
    public async Task Given_steps_that_succeed_when_run_then_waves_run_in_order_and_nothing_is_undone()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(1, "a", "a2", log), new Step(1, "b", "b1", log));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.Succeeded, result.Outcome);
        Assert.Equal("do a1", log.First());
        Assert.Equal(["do a1", "do a2", "do b1"], log.Order());
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task Given_a_failing_step_when_run_then_completed_steps_are_undone_newest_first_and_later_waves_never_run()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "a", "a2", log), new Step(0, "a", "a3", log, Fails: true), new Step(1, "a", "later", log));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.RolledBack, result.Outcome);
        Assert.Equal("a3 broke", result.Error);
        Assert.Equal(["do a1", "do a2", "undo a2", "undo a1"], log);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
    }

    [Fact]
    public async Task Given_an_undo_that_fails_when_run_then_the_others_are_still_undone_and_a_person_must_look()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "a", "a2", log, UndoFails: true), new Step(0, "a", "a3", log, Fails: true));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.CompensationFailed, result.Outcome);
        Assert.Equal(["do a1", "do a2", "undo a2", "undo a1"], log);
        Assert.Equal(["undo a2: undo a2 broke"], result.CompensationErrors);
        Assert.Equal(ExitCodes.NeedsAttention, result.ExitCode);
    }

    [Fact]
    public async Task Given_a_best_effort_step_that_fails_when_run_then_the_operation_still_succeeds()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(1, "a", "cleanup", log, Fails: true, IsBestEffort: true));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task Given_parallel_lanes_when_one_fails_then_the_others_are_undone_too()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "b", "b1", log, Fails: true, Delay: 50));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.RolledBack, result.Outcome);
        Assert.Contains("undo a1", log);
        Assert.DoesNotContain("undo b1", log);
    }

    [Fact]
    public async Task Observers_see_every_step_start_and_end_with_its_phase()
    {
        var observer = new RecordingObserver();
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "a", "a2", log, Fails: true));

        await new PlanExecutor([observer]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(
            ["op start", "start Apply a1", "end Apply a1 ok", "start Apply a2", "end Apply a2 a2 broke", "start Compensate a1", "end Compensate a1 ok", "op end RolledBack"],
            observer.Events);
    }

    [Fact]
    public async Task Given_a_journal_that_fails_when_a_step_starts_then_that_step_never_runs_what_ran_is_undone_and_the_failure_is_reported()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "a", "a2", log), new Step(0, "a", "a3", log));

        var result = await new PlanExecutor([new FailingObserver("a2")]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.RolledBack, result.Outcome);
        Assert.Equal(["do a1", "undo a1"], log);
        Assert.Contains(result.ObserverErrors, e => e.Contains("disk full", StringComparison.Ordinal));
        Assert.True(result.ChangedAnything);
    }

    [Fact]
    public async Task Given_a_first_step_that_fails_when_run_then_the_result_says_nothing_was_changed()
    {
        var result = await new PlanExecutor([]).ExecuteAsync(Plan(new Step(0, "a", "a1", log, Fails: true)), Context(), CancellationToken.None);

        Assert.False(result.ChangedAnything);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
    }

    [Fact]
    public async Task Given_a_plan_made_stale_when_run_then_it_is_undone_and_exits_with_the_conflict_code()
    {
        var plan = Plan(new Step(0, "a", "a1", log), new Step(0, "a", "a2", log, Stale: true));

        var result = await new PlanExecutor([]).ExecuteAsync(plan, Context(), CancellationToken.None);

        Assert.Equal(["do a1", "undo a1"], log);
        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
    }

    private static Plan Plan(params PlanStep[] steps) => new("20261124-000000-0000", "test", "test plan", steps);

    private static StepContext Context() => new("20261124-000000-0000", TimeProvider.System, new Dictionary<Type, object>());

    private sealed record Step(
        int Wave, string Lane, string Name, ConcurrentQueue<string> Log, bool Fails = false, bool UndoFails = false, bool IsBestEffort = false, int Delay = 0, bool Stale = false)
        : PlanStep(Wave, Lane)
    {
        public override bool BestEffort => IsBestEffort;

        public override string Describe() => Name;

        public override async Task ApplyAsync(StepContext context, CancellationToken ct)
        {
            await Task.Delay(Delay, ct);
            if (Fails)
            {
                throw new BacktrackException($"{Name} broke");
            }

            if (Stale)
            {
                throw new ConflictException($"{Name} changed since the plan was made");
            }

            Log.Enqueue($"do {Name}");
        }

        public override string DescribeCompensation() => $"undo {Name}";

        public override Task CompensateAsync(StepContext context, CancellationToken ct)
        {
            Log.Enqueue($"undo {Name}");
            return UndoFails ? throw new BacktrackException($"undo {Name} broke") : Task.CompletedTask;
        }
    }

    private sealed class RecordingObserver : IExecutionObserver
    {
        public List<string> Events { get; } = [];

        public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct) => Add("op start");

        public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) =>
            Add($"start {phase} {step.Describe()}");

        public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct) =>
            Add($"end {phase} {step.Describe()} {error?.Message ?? "ok"}");

        public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct) => Add($"op end {result.Outcome}");

        private Task Add(string text)
        {
            Events.Add(text);
            return Task.CompletedTask;
        }
    }

    /// <summary>A journal whose disk fills up when the named step starts.</summary>
    private sealed class FailingObserver(string failAt) : IExecutionObserver
    {
        public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct) => Task.CompletedTask;

        public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) =>
            step.Describe() == failAt && phase == StepPhase.Apply ? throw new IOException("disk full") : Task.CompletedTask;

        public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct) => Task.CompletedTask;

        public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct) => Task.CompletedTask;
    }
}
