using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Releases;

namespace Backtrack.Planning;

/// <summary>What steps act through while they run.</summary>
public sealed record StepContext(
    EnvironmentConfig Environment,
    IContainerEngine Engine,
    HealthGate HealthGate,
    ReleaseRecorder Releases,
    TimeProvider Clock,
    string OperationId);
