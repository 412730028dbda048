using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Releases;
using Backtrack.Verify;

namespace Backtrack.Planning;

/// <summary>What steps act through while they run.</summary>
public sealed record StepContext(
    EnvironmentConfig Environment,
    IContainerEngine Engine,
    HealthGate HealthGate,
    ReleaseRecorder Releases,
    TimeProvider Clock,
    string OperationId)
{
    /// <summary>The post-rollback checklist, for steps that verify; null where none is wired.</summary>
    public Verifier? Verifier { get; init; }

    /// <summary>Where verifying steps journal their results.</summary>
    public VerificationStore? Verifications { get; init; }
}
