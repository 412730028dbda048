namespace Backtrack.Verify;

/// <summary>One line of the post-rollback checklist: what was checked, on what, and the outcome in a few words (never a secret).</summary>
public sealed record VerifyCheck(string Check, string Subject, bool Passed, string Detail);
