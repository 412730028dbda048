namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>One row of the kill matrix: the step killed at, and where repair left the environment (restored, completed, forward).</summary>
public sealed record KillMatrixRow(int Index, string Kind, string Description, string Result);
