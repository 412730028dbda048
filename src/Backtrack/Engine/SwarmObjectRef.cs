namespace Backtrack.Engine;

/// <summary>A swarm secret or config as a service spec names it: by ID (what the engine resolves) and by name (what people read).</summary>
public sealed record SwarmObjectRef(string Id, string Name);
