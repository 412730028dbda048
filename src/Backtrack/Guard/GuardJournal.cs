using System.Text.Json;
using Backtrack.Secrets;
using Backtrack.Serialization;

namespace Backtrack.Guard;

/// <summary>
/// The guard's decisions, one JSON line each, appended to guard.jsonl in the state directory (0600; details
/// redacted), and read back at start to resume a window that was open when guard stopped.
/// </summary>
public sealed class GuardJournal(string stateDirectory)
{
    public const string FileName = "guard.jsonl";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = BacktrackJson.Resolver };

    private string Path => System.IO.Path.Combine(stateDirectory, FileName);

    public async Task WriteAsync(GuardDecision decision, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(decision with { Detail = SecretRegistry.Redact(decision.Detail) }, Options.TypeInfo<GuardDecision>()) + "\n";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var file = new FileStream(Path, options);
        await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line), ct).ConfigureAwait(false);
    }

    /// <summary>The window open when the journal ends: its opening decision with the containers that joined it, or null.</summary>
    public async Task<GuardDecision?> OpenWindowAsync(CancellationToken ct)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        GuardDecision? open = null;
        foreach (var line in await File.ReadAllLinesAsync(Path, ct).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line) || JsonSerializer.Deserialize(line, Options.TypeInfo<GuardDecision>()) is not { } decision)
            {
                continue;
            }

            open = decision.Decision switch
            {
                GuardDecision.WindowOpened => decision,
                GuardDecision.WindowJoined when open is not null => open with
                {
                    Until = decision.Until,
                    Containers = new Dictionary<string, string>((open.Containers ?? new Dictionary<string, string>()).Concat(decision.Containers ?? new Dictionary<string, string>())),
                },
                _ when decision.Closes => null,
                _ => open,
            };
        }

        return open;
    }
}
