namespace Backtrack.Verify;

/// <summary>A step that runs the post-rollback checklist (on one engine, or on each host): its outcome is the operation's verification.</summary>
public interface IChecklistStep
{
    /// <summary>How far back the error-line scan looks.</summary>
    TimeSpan Window { get; }
}
