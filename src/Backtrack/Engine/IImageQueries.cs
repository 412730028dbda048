namespace Backtrack.Engine;

/// <summary>Images on the engine.</summary>
public interface IImageQueries
{
    /// <summary>Null when no such image exists locally.</summary>
    Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken ct);

    /// <summary>Local images whose repository is the given one (any tag).</summary>
    Task<IReadOnlyList<ImageDetails>> ListImagesAsync(string repository, CancellationToken ct);
}
