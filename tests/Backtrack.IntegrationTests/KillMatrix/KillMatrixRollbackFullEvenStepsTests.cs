using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>The even steps of the full-rollback matrix.</summary>
public sealed class KillMatrixRollbackFullEvenStepsTests(ITestOutputHelper output) : KillMatrixRollbackFullTests(output, 0);
