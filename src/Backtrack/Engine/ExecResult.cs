namespace Backtrack.Engine;

public sealed record ExecResult(long ExitCode, string Stdout, string Stderr);
