using Backtrack.Status;

namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A Compose environment's status as JSON (status -o json and the status page).</summary>
public sealed record StatusJson(string Environment, string Project, bool Healthy, IReadOnlyList<string> Interrupted, IReadOnlyList<ServiceStatus> Services);
