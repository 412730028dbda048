namespace Backtrack.Cleanup;

/// <summary>An image cleanup may remove, and why; <c>OnlyIfUntagged</c> images go only when no tag names them any more.</summary>
public sealed record RemovableImage(string ImageId, string Reason, bool OnlyIfUntagged);
