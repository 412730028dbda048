using Backtrack.Engine;

namespace Backtrack.Cleanup;

/// <summary>The repository part of an image reference: registry:5000/team/web:v1@sha256:... is registry:5000/team/web.</summary>
public static class ImageRepository
{
    /// <summary>The name as written (as the engine's tags write it); null for a bare image ID, which names no repository.</summary>
    public static string? Of(string reference) =>
        reference.StartsWith("sha256:", StringComparison.Ordinal) ? null : ImageReference.Parse(reference).Name;
}
