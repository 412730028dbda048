using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Secrets;

namespace Backtrack.Cleanup.Steps;

/// <summary>
/// Archives the logs (timestamped, stdout and stderr) of the given containers since a time into a .tar.gz (0600),
/// secrets redacted from lines and entry names as on the terminal.
/// </summary>
[StepKind("logs.archive")]
public sealed record ArchiveLogsStep(int Wave, IReadOnlyList<string> Containers, DateTimeOffset Since, string Path) : PlanStep(Wave, "logs")
{
    public override string Describe() =>
        $"archive the logs of {string.Join(", ", Containers)} since {Since.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z into {Path}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var partial = Path + ".partial";
        var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (file.ConfigureAwait(false))
        {
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var gzip = new GZipStream(file, CompressionLevel.Optimal);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    foreach (var container in Containers)
                    {
                        var text = new StringBuilder();
                        await foreach (var line in context.Engine.ReadLogsAsync(container, new LogQuery(null, Since, false, true), ct).ConfigureAwait(false))
                        {
                            text.Append(line.Source == LogSource.Stderr ? "stderr " : "stdout ").AppendLine(SecretRegistry.Redact(line.Text));
                        }

                        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
                        var entry = new PaxTarEntry(TarEntryType.RegularFile, SecretRegistry.Redact(container) + ".log")
                        {
                            DataStream = content,
                            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                            ModificationTime = context.Clock.GetUtcNow(),
                        };
                        await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
                    }
                }
            }
        }

        File.Move(partial, Path, overwrite: true);
    }
}
