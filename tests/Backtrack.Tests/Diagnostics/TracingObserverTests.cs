using Backtrack.Diagnostics;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;

namespace Backtrack.Tests.Diagnostics;

public sealed class TracingObserverTests : IDisposable
{
    private readonly StringWriter trace = new();
    private readonly CountingObserver journal = new();

    public TracingObserverTests() => TimingTrace.Output = trace;

    [Fact]
    public async Task Given_a_traced_journal_when_a_plan_runs_then_each_step_and_the_journals_total_are_one_line_each()
    {
        var plan = new Plan("20261201-000000-0000", "test", "test plan",
            [new DrainStep(0, "web", "shop-web-1", TimeSpan.Zero), new DrainStep(1, "api", "shop-api-1", TimeSpan.Zero)]);

        var result = await new PlanExecutor([new TracingObserver(journal)])
            .ExecuteAsync(plan, new StepContext(plan.Id, TimeProvider.System, new Dictionary<Type, object>()), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.Succeeded, result.Outcome);
        var phases = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Phase).ToList();
        Assert.Equal(["step 1 container.drain web", "step 2 container.drain api", "journal"], phases);
    }

    [Fact]
    public async Task Given_a_traced_journal_then_it_still_sees_every_call()
    {
        var plan = new Plan("20261201-000000-0001", "test", "test plan", [new DrainStep(0, "web", "shop-web-1", TimeSpan.Zero)]);

        await new PlanExecutor([new TracingObserver(journal)])
            .ExecuteAsync(plan, new StepContext(plan.Id, TimeProvider.System, new Dictionary<Type, object>()), CancellationToken.None);

        Assert.Equal(["op start", "step start", "step end", "op end"], journal.Calls);
    }

    [Fact]
    public void A_phase_is_written_as_trace_name_and_whole_milliseconds()
    {
        TimingTrace.Write("config load", TimeSpan.FromMilliseconds(12.6));

        Assert.Equal("trace: config load 13", trace.ToString().TrimEnd());
    }

    public void Dispose()
    {
        TimingTrace.Output = null;
        trace.Dispose();
    }

    /// <summary>"trace: step 1 container.drain web 0" → "step 1 container.drain web".</summary>
    private static string Phase(string line)
    {
        var text = line.TrimEnd()["trace: ".Length..];
        return text[..text.LastIndexOf(' ')];
    }

    private sealed class CountingObserver : IExecutionObserver
    {
        public List<string> Calls { get; } = [];

        public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct) => Add("op start");

        public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) => Add("step start");

        public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct) => Add("step end");

        public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct) => Add("op end");

        private Task Add(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }
}
