namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One service of a release as JSON.</summary>
public sealed record ReleaseServiceJson(string Service, string Container, string Image, string ImageId, bool Healthy, IEnumerable<string> EnvNames, IEnumerable<string> Networks);
