namespace Backtrack.Cleanup;

/// <summary>The repository part of an image reference: registry:5000/team/web:v1@sha256:... is registry:5000/team/web.</summary>
public static class ImageRepository
{
    /// <summary>Null for a bare image ID, which names no repository.</summary>
    public static string? Of(string reference)
    {
        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? reference[..at] : reference;
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? name[..colon] : name;
    }
}
