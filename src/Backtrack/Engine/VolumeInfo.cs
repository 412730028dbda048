namespace Backtrack.Engine;

public sealed record VolumeInfo(string Name, string Driver, IReadOnlyDictionary<string, string> Labels);
