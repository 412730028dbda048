using System.Diagnostics;
using System.Globalization;

namespace Backtrack.Diagnostics;

/// <summary>
/// With BACKTRACK_TRACE_TIMING=1, one stderr line "trace: PHASE MS" per phase of a command (start-up,
/// config, state database, planning, each step, journal, exit): where a rollback's time goes, to set
/// beside the engine's own start→healthy time measured at the same moment (bench/rollback.sh). Off, it
/// costs one check per phase.
/// </summary>
public static class TimingTrace
{
    public const string Variable = "BACKTRACK_TRACE_TIMING";

    private static readonly Lock Writing = new();

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Where lines go: stderr unless a test sets another writer.</summary>
    internal static TextWriter? Output { get; set; }

    /// <summary>Times the phase until disposed; a no-op when tracing is off.</summary>
    public static TracedPhase Phase(string name) => new(Enabled ? name : null, Stopwatch.GetTimestamp());

    /// <summary>A phase measured elsewhere.</summary>
    public static void Write(string phase, TimeSpan elapsed)
    {
        if (!Enabled && Output is null)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"trace: {phase} {elapsed.TotalMilliseconds:0}");
        lock (Writing)
        {
            (Output ?? Console.Error).WriteLine(line);
        }
    }

    /// <summary>Since the process started (the runtime's start-up included), from the kernel's start time.</summary>
    public static void SinceProcessStart(string phase)
    {
        if (Enabled)
        {
            using var self = Process.GetCurrentProcess();
            Write(phase, DateTime.Now - self.StartTime);
        }
    }
}
