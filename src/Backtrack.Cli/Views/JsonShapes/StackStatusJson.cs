using Backtrack.Configuration;
using Backtrack.Status;

namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A swarm environment's status as JSON (status -o json and the status page).</summary>
public sealed record StackStatusJson(string Environment, Backend Backend, string Stack, string? StackFile, bool Healthy, IReadOnlyList<string> Interrupted, IReadOnlyList<StackServiceStatus> Services);
