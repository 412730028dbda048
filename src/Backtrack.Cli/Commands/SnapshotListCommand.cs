using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Snapshots;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack snapshot list: complete snapshots, newest first.</summary>
public sealed class SnapshotListCommand : EnvironmentCommand<EnvironmentSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, EnvironmentSettings settings, CancellationToken ct)
    {
        var snapshots = await new SnapshotStore(environment.Config.Snapshots.Directory).ListAsync(ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write<IReadOnlyList<SnapshotJson>>(snapshots.Select(ToJson).ToList());
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("SNAPSHOT", "KIND", "CREATED", "SIZE", "SERVICES", "VOLUMES", "CONFIG", "POSTGRES", "REDIS");
        foreach (var s in snapshots)
        {
            table.AddRow(
                s.Id,
                s.Kind,
                Format.Time(s.CreatedAt),
                TransferProgressView.Bytes(s.TotalBytes),
                s.Release is { } r0 ? r0.Services.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                s.Volumes is { } v ? v.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                s.Config is { } c ? c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                Format.Text(s.Postgres is { } p ? $"{p.ServerVersion.Split(' ')[0]}: {string.Join(", ", p.Databases.Select(d => d.Name))}" : "-"),
                s.Redis is { } r ? $"{r.Version}: {r.Keys} keys" : "-");
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>A snapshot as JSON (snapshot list -o json and the status page's inventory).</summary>
    public static SnapshotJson ToJson(SnapshotManifest s) => new(
        s.Id,
        s.Kind,
        s.CreatedAt,
        s.TotalBytes,
        s.Postgres?.Databases.Select(d => d.Name).ToList(),
        s.Redis?.Keys,
        s.IsFull,
        s.Volumes?.Select(v => v.Name).ToList(),
        s.Config?.Select(c => c.Path).ToList(),
        s.Note);
}
