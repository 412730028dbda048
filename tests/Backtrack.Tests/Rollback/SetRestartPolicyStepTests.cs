using Backtrack.Rollback.Steps;
using Backtrack.Tests.Engine;

namespace Backtrack.Tests.Rollback;

public sealed class SetRestartPolicyStepTests
{
    [Fact]
    public async Task Around_a_stop_the_policy_is_no_until_the_restore_and_each_undo_sets_the_one_before()
    {
        var engine = ScriptedEngine.Answering();
        var context = new Backtrack.Planning.StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(Backtrack.Engine.IContainerEngine)] = engine.Engine });
        var (hold, restore) = SetRestartPolicyStep.Around(2, 4, "writers", ScriptedEngine.Container(true, "running", "app"));

        await hold.ApplyAsync(context, CancellationToken.None);
        await restore.ApplyAsync(context, CancellationToken.None);
        await restore.CompensateAsync(context, CancellationToken.None);
        await hold.CompensateAsync(context, CancellationToken.None);

        const string id = "0123456789abcdef";
        Assert.Equal(
            [$"SetRestartPolicyAsync {id} no", $"SetRestartPolicyAsync {id} always", $"SetRestartPolicyAsync {id} no", $"SetRestartPolicyAsync {id} always"],
            engine.Calls);
        Assert.Equal((2, 4), (hold.Wave, restore.Wave));
    }
}
