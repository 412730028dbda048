namespace Backtrack.Volumes;

/// <summary>An archive with an entry that would land outside its target: refused before anything is written.</summary>
public sealed class UnsafeArchiveException(string archive, string entry, string reason)
    : BacktrackException($"{archive}: entry '{entry}' {reason}; the archive is refused");
