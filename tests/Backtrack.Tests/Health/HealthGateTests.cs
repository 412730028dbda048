using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Tests.Engine;

namespace Backtrack.Tests.Health;

/// <summary>The gate with "health: none" (running counts as healthy) on a scripted engine.</summary>
public sealed class HealthGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly ContainerDetails Running = ScriptedEngine.Container(true, "running");
    private static readonly ContainerDetails Exited = ScriptedEngine.Container(false, "exited");

    [Fact]
    public async Task An_unreachable_engine_is_asked_again_until_it_answers()
    {
        var unreachable = new EngineUnreachableException("unix:///run/test.sock", "connection refused");
        var engine = ScriptedEngine.Answering(unreachable, unreachable, unreachable, Running);

        var result = await WaitAsync(engine, Deadline);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal(4, engine.Inspections);
    }

    [Fact]
    public async Task A_server_error_of_the_engine_is_asked_again()
    {
        var engine = ScriptedEngine.Answering(new EngineOperationException("restarting", 503), Running);

        var result = await WaitAsync(engine, Deadline);

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task After_an_engine_error_a_stopped_container_is_waited_for_while_the_engine_restarts_it()
    {
        var engine = ScriptedEngine.Answering(new EngineUnreachableException("unix:///run/test.sock", "connection reset"), Exited, Exited, Exited, Running);

        var result = await WaitAsync(engine, Deadline);

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task A_container_gone_for_good_after_an_engine_error_fails_when_the_deadline_comes()
    {
        var engine = ScriptedEngine.Answering(new EngineUnreachableException("unix:///run/test.sock", "connection refused"), null);

        var result = await WaitAsync(engine, TimeSpan.FromMilliseconds(400));

        Assert.False(result.Healthy);
        Assert.StartsWith("not healthy within 0.4 s; last check: container is gone", result.Detail, StringComparison.Ordinal);
        Assert.Contains("after an engine error: cannot reach the Docker engine", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_container_without_engine_trouble_fails_at_once()
    {
        var engine = ScriptedEngine.Answering(Exited);

        var result = await WaitAsync(engine, Deadline);

        Assert.False(result.Healthy);
        Assert.StartsWith("container exited with code 137", result.Detail, StringComparison.Ordinal);
        Assert.Equal(2, engine.Inspections);
    }

    [Fact]
    public async Task A_refusal_of_the_engine_fails_the_gate_at_once()
    {
        var engine = ScriptedEngine.Answering(new EngineOperationException("no such exec", 404));

        await Assert.ThrowsAsync<EngineOperationException>(() => WaitAsync(engine, Deadline));
        Assert.Equal(1, engine.Inspections);
    }

    private static async Task<HealthResult> WaitAsync(ScriptedEngine engine, TimeSpan deadline)
    {
        using var http = new HttpClient();
        var gate = new HealthGate(new HealthChecker(engine.Engine, http), engine.Engine);
        return await gate.WaitAsync(new HealthTarget("web", "web", new NoHealthCheck()), deadline, CancellationToken.None);
    }
}
