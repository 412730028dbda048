namespace Backtrack.Drift;

/// <summary>An image reference taken apart: repository (Docker Hub's implicit prefixes removed), tag and digest, each as written.</summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? reference[..at] : reference;
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash
            ? new ImageReference(Canonical(name[..colon]), name[(colon + 1)..], digest)
            : new ImageReference(Canonical(name), null, digest);
    }

    /// <summary>
    /// Whether two references name the same image: the same repository and, when both carry a digest, the
    /// same digest (what swarm pins; the tag may have moved since), else the same tag (latest when none).
    /// </summary>
    public bool SameImageAs(ImageReference other) =>
        Repository == other.Repository
        && (Digest is not null && other.Digest is not null ? Digest == other.Digest : (Tag ?? "latest") == (other.Tag ?? "latest"));

    /// <summary>docker.io/library/redis and redis are one repository.</summary>
    private static string Canonical(string repository)
    {
        var name = repository.StartsWith("docker.io/", StringComparison.Ordinal) ? repository["docker.io/".Length..] : repository;
        return name.StartsWith("library/", StringComparison.Ordinal) ? name["library/".Length..] : name;
    }
}
