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
    CommandTable.Add(config, args);
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
