using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Tests.Engine;

namespace Backtrack.Tests.Rollback;

public sealed class SetAsideStepTests
{
    private const string Id = "0123456789abcdef";
    private static readonly SetAsideStep Step = new(1, "web", Id, "web", "web.bt-aside-op", RestartPolicy.OnFailureName, 3);

    [Fact]
    public async Task Setting_aside_takes_the_restart_policy_away_before_the_name()
    {
        var engine = ScriptedEngine.Answering();

        await Step.ApplyAsync(Context(engine), CancellationToken.None);

        Assert.Equal([$"SetRestartPolicyAsync {Id} no", $"RenameContainerAsync {Id} web.bt-aside-op"], engine.Calls);
    }

    [Fact]
    public async Task Undoing_gives_the_name_back_then_the_own_policy()
    {
        var engine = ScriptedEngine.Answering(ScriptedEngine.Container(false, "exited", "web.bt-aside-op"));

        await Step.CompensateAsync(Context(engine), CancellationToken.None);

        Assert.Equal([$"RenameContainerAsync {Id} web", $"SetRestartPolicyAsync {Id} on-failure:3"], engine.Calls);
    }

    [Fact]
    public async Task Undoing_again_after_a_crash_finds_the_container_back_and_only_sets_its_policy()
    {
        var engine = ScriptedEngine.Answering(ScriptedEngine.Container(false, "exited", "web"));

        await Step.CompensateAsync(Context(engine), CancellationToken.None);

        Assert.Equal([$"SetRestartPolicyAsync {Id} on-failure:3"], engine.Calls);
    }

    [Fact]
    public async Task Undoing_when_the_container_is_gone_says_so()
    {
        var engine = ScriptedEngine.Answering((object?)null);

        var error = await Assert.ThrowsAsync<BacktrackException>(() => Step.CompensateAsync(Context(engine), CancellationToken.None));

        Assert.Equal("web (0123456789ab) is gone: it cannot be put back", error.Message);
    }

    private static StepContext Context(ScriptedEngine engine) => new("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(IContainerEngine)] = engine.Engine });
}
