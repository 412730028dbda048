using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>The odd steps of the full-rollback matrix.</summary>
public sealed class KillMatrixRollbackFullOddStepsTests(ITestOutputHelper output) : KillMatrixRollbackFullTests(output, 1);
