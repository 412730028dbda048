namespace Backtrack.Engine;

/// <summary>What changes the engine's images.</summary>
public interface IImageOperations
{
    /// <summary>Pulls an image; throws <see cref="BacktrackException"/> when the engine cannot.</summary>
    Task PullImageAsync(string reference, CancellationToken ct);

    Task RemoveImageAsync(string reference, CancellationToken ct);
}
