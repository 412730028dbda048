using Backtrack.Cli.Commands;

namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>'health -o json': every check, healthy only when each one is.</summary>
internal sealed record HealthJson(bool Healthy, IReadOnlyList<HealthRow> Checks);
