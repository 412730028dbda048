using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.State;
using Backtrack.Tests.Operations;
using Backtrack.Tests.State;

namespace Backtrack.Tests.Secrets;

/// <summary>The journal stores its texts redacted, on a real state Database.</summary>
public sealed class JournalRedactionTests : TemporaryStateDatabase
{
    private readonly string secret = "j&'" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Given_a_known_secret_in_a_step_and_its_error_when_journaled_then_only_the_texts_are_redacted()
    {
        SecretRegistry.AddValue(secret);
        var step = new JournaledTestStep(0, "a", $"log in with {secret}");
        var plan = new Plan("op-secret", "test", $"summary {secret}", [step]);
        var journal = new Journal(Database, TimeProvider.System, $"test --note {secret}");

        await journal.OperationStartedAsync(plan.Id, plan, CancellationToken.None);
        await journal.StepStartedAsync(plan.Id, 1, step, StepPhase.Apply, CancellationToken.None);
        await journal.StepEndedAsync(plan.Id, 1, step, StepPhase.Apply, new InvalidOperationException($"refused {secret}"), CancellationToken.None);

        var operation = Assert.Single(await new JournalReader(Database).ListAsync(10, CancellationToken.None));
        Assert.Equal("op-secret", operation.Id);
        Assert.Equal("test --note [redacted]", operation.Command);
        Assert.Equal("log in with [redacted]", operation.Steps[0].Description);
        Assert.Equal("refused [redacted]", operation.Steps[0].Error);
    }
}
