using Backtrack.Execution;
using Backtrack.Verify;

namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>An operation's outcome as JSON (every mutating command's -o json).</summary>
public sealed record OutcomeJson(string Operation, ExecutionOutcome Outcome, bool Changed, string? FailedStep, string? Error, IReadOnlyList<string> CompensationErrors, IReadOnlyList<string> JournalErrors, VerifyReport? Verification, double Seconds);
