namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// One command kind of the kill matrix: the CLI arguments (without --yes), the environment's state beyond
/// the project's containers (database rows, keys, files, git), and how to put the environment back to
/// "before" once the command has completed.
/// </summary>
/// <param name="Name">The kind's name in the table and the file name (kill-matrix-NAME.txt).</param>
/// <param name="Command">The backtrack arguments; --yes is added.</param>
/// <param name="State">The state besides the containers, as comparable text (null: none).</param>
/// <param name="Reset">From "after" back to "before".</param>
/// <param name="Steps">Which step indexes this run kills at (null: every one): a long matrix is split over test classes that run in parallel.</param>
public sealed record KillMatrixCase(string Name, IReadOnlyList<string> Command, Func<Task<string>>? State, Func<Task> Reset, Func<int, bool>? Steps = null);
