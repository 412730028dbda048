namespace Backtrack.Engine;

/// <summary>
/// An image reference taken apart: its name (the repository as written, registry and port included), tag
/// and digest. The one place a reference is split, for drift, swarm rollback targets and image clean-up.
/// </summary>
public sealed record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? reference[..at] : reference;
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash
            ? new ImageReference(name[..colon], name[(colon + 1)..], digest)
            : new ImageReference(name, null, digest);
    }

    /// <summary>The name without Docker Hub's implicit prefixes: docker.io/library/redis and redis are one repository.</summary>
    public string Repository
    {
        get
        {
            var name = Name.StartsWith("docker.io/", StringComparison.Ordinal) ? Name["docker.io/".Length..] : Name;
            return name.StartsWith("library/", StringComparison.Ordinal) ? name["library/".Length..] : name;
        }
    }

    /// <summary>
    /// Whether two references name the same image: the same repository and, when both carry a digest, the
    /// same digest (what swarm pins; the tag may have moved since), else the same tag (latest when none).
    /// </summary>
    public bool SameImageAs(ImageReference other) =>
        Repository == other.Repository
        && (Digest is not null && other.Digest is not null ? Digest == other.Digest : (Tag ?? "latest") == (other.Tag ?? "latest"));
}
