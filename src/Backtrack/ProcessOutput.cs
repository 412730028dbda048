namespace Backtrack;

/// <summary>What a program said and how it ended.</summary>
public sealed record ProcessOutput(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of stderr (else stdout), shortened: enough to say why, for one-line errors.</summary>
    public string LastLine()
    {
        var line = (Stderr.Trim().Length > 0 ? Stderr : Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault() ?? $"exit code {ExitCode}";
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
