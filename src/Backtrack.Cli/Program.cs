using System.Runtime.CompilerServices;
using Backtrack;
using Backtrack.Cli;
using Backtrack.Cli.Commands;
using Backtrack.Diagnostics;
using Backtrack.Remote;
using Backtrack.Secrets;
using Spectre.Console;
using Spectre.Console.Cli;

TimingTrace.SinceProcessStart("startup to Main");

// The one redaction point of the terminal: stdout and stderr, and Spectre through them.
Console.SetOut(new RedactingTextWriter(Console.Out));
Console.SetError(new RedactingTextWriter(Console.Error));
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

// Piped output (CI logs, files) gets wide tables rather than wrapped cells at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("backtrack");
    config.SetApplicationVersion(BuildInfo.Describe());
    config.PropagateExceptions();
    config.AddCommand<InitCommand>("init").WithDescription("Discover the Compose projects and Swarm stacks on the engine and write backtrack.yml");
    config.AddCommand<StatusCommand>("status").WithDescription("Every service: state, image, health, uptime, restarts");
    config.AddCommand<HealthCommand>("health").WithDescription("Run every health check concurrently");
    config.AddCommand<LogsCommand>("logs").WithDescription("A service's log, through the engine API");
    config.AddCommand<RecordCommand>("record").WithDescription("Record what runs now as a release (after each deploy)");
    config.AddCommand<ReleasesCommand>("releases").WithDescription("The release history");
    config.AddCommand<VersionsCommand>("versions").WithDescription("Rollback candidates of a service");
    config.AddBranch("rollback", rollback =>
    {
        rollback.SetDescription("Roll back services to an earlier release");
        rollback.AddCommand<RollbackCommand<RollbackServiceSettings>>("service").WithDescription("Roll back the named services");
        rollback.AddCommand<RollbackCommand<RollbackSettings>>("all").WithDescription("Roll back every service, atomically");
        rollback.AddCommand<RollbackGitCommand>("git").WithDescription("Roll the deploy repository back to the last good commit, redeploy, health-gate");
        rollback.AddCommand<RollbackFullCommand>("full").WithDescription("Restore everything from a full snapshot: config, volumes, databases, services; safety snapshot first");
        rollback.AddCommand<RollbackDbCommand>("db").WithDescription("Restore the databases from a snapshot, exactly, with the writers stopped");
    });
    config.AddBranch("fix", fix =>
    {
        fix.SetDescription("The runbook's common scenarios: a bad model file, a bad config, a memory leak");
        fix.AddCommand<FixModelCommand>("model").WithDescription("Restore one file from git history and restart the service that reads it");
        fix.AddCommand<FixConfigCommand>("config").WithDescription("Restore .env from a saved copy and recreate the services whose configuration changed");
        fix.AddCommand<FixMemoryCommand>("memory").WithDescription("Set a service's memory limit through the engine, optionally restart it");
    });
    config.AddBranch("snapshot", snapshot =>
    {
        snapshot.SetDescription("Snapshots: create, list, verify, prune, clean up");
        snapshot.AddCommand<SnapshotCreateCommand>("create").WithDescription("Snapshot config, specs, volumes and databases (--only databases|volumes|config|postgres|redis)");
        snapshot.AddCommand<SnapshotListCommand>("list").WithDescription("Complete snapshots, newest first");
        snapshot.AddCommand<SnapshotVerifyCommand>("verify").WithDescription("Check a snapshot's checksums and archives (--deep: restore into a scratch database)");
        snapshot.AddCommand<SnapshotCopyCommand>("copy").WithDescription("Copy a verified snapshot to a directory or sftp://host/path, checked there by its manifest (--to DESTINATION)");
        snapshot.AddCommand<SnapshotPruneCommand>("prune").WithDescription("Remove old snapshots (--keep N [--keep-days D]); never the newest verified, a recent safety one or one in use");
        snapshot.AddCommand<SnapshotCleanupCommand>("cleanup").WithDescription("Drop the databases that database rollbacks kept aside");
    });
    config.AddCommand<DeployCommand>("deploy").WithDescription("Record, run the deploy command, watch every service for a window; roll everything back on failure");
    config.AddCommand<GuardCommand>("guard").WithDescription("Watch every deploy from the engine's event stream; roll the whole stack back when one fails (until SIGTERM)");
    config.AddCommand<PinCommand>("pin").WithDescription("Write the running images into the Compose project, so 'docker compose up -d' keeps them");
    config.AddCommand<RepairCommand>("repair").WithDescription("Finish what an interrupted rollback left, back to what ran before");
    config.AddCommand<VerifyCommand>("verify").WithDescription("The post-rollback checklist: running, healthy, clean logs, steady restarts, databases, disk");
    config.AddCommand<ReportCommand>("report").WithDescription("The incident report from the journal (Markdown or HTML)");
    config.AddCommand<CleanupCommand>("cleanup").WithDescription("Archive the incident's logs; remove kept-aside containers and images of failed releases (never recent good ones)");
    config.AddCommand<InstallCommand>("install").WithDescription("Copy the single file of a host's architecture there over ssh (--host HOST [--path DIR]), when missing or different");
    config.AddCommand<HistoryCommand>("history").WithDescription("The journal of operations and their steps");
    config.AddCommand<ServeCommand>("serve").WithDescription("A live status page of the environments in the browser (loopback; actions only with --token-file)");
});

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

// Every error becomes one line and an exit code here, and only here.
try
{
    return await RemoteInvocation.ParseAsync(args, Environment.CurrentDirectory, interrupt.Token) is { } remote
        ? await RemoteRunner.RunAsync(remote, interrupt.Token)
        : await app.RunAsync(args, interrupt.Token);
}
catch (Backtrack.Planning.ConflictException e)
{
    await Console.Error.WriteLineAsync($"backtrack: {e.Message}");
    return ExitCodes.Conflict;
}
catch (BacktrackException e)
{
    await Console.Error.WriteLineAsync($"backtrack: {e.Message}");
    return ExitCodes.BadInput;
}
catch (CommandAppException e)
{
    await Console.Error.WriteLineAsync($"backtrack: {e.Message}; see 'backtrack --help'");
    return ExitCodes.BadInput;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("backtrack: interrupted");
    return ExitCodes.Failed;
}
catch (Exception e) when (args.Contains("--verbose") || args.Contains("-v"))
{
    // Spectre's exception formatter needs code made at run time: the native build prints the plain trace.
    if (RuntimeFeature.IsDynamicCodeSupported)
    {
        AnsiConsole.WriteException(e);
    }
    else
    {
        await Console.Error.WriteLineAsync(e.ToString());
    }

    return ExitCodes.Failed;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"backtrack: unexpected error: {e.Message} (rerun with --verbose for details)");
    return ExitCodes.Failed;
}
finally
{
    TimingTrace.SinceProcessStart("exit");

    // The redacting writers hold an unfinished last line until flushed.
    await Console.Out.FlushAsync();
    await Console.Error.FlushAsync();
}
