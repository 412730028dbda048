using System.Diagnostics;

namespace Backtrack.Remote;

/// <summary>
/// Runs a <see cref="RemoteInvocation"/> through the system ssh with this process's stdin, stdout and stderr, so
/// output and the exit code pass through unchanged. With a terminal here, ssh gets one on the host (<c>-tt</c>):
/// confirmations work, and Ctrl-C reaches the command there through it. An interrupt this process receives
/// otherwise is passed to ssh.
/// </summary>
public static class RemoteRunner
{
    private const int SshFailed = 255;

    public static async Task<int> RunAsync(RemoteInvocation invocation, CancellationToken interrupt)
    {
        var terminal = !Console.IsInputRedirected;
        var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
        foreach (var argument in SshCommand.Arguments(invocation.Target, [invocation.RemoteCommand()], terminal))
        {
            start.ArgumentList.Add(argument);
        }

        Process ssh;
        try
        {
            ssh = Process.Start(start) ?? throw new BacktrackException("ssh did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BacktrackException("no ssh client on this machine; install openssh-client to use --host");
        }

        using (ssh)
        using (interrupt.Register(() => Interrupt(ssh)))
        {
            await ssh.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (ssh.ExitCode == SshFailed)
            {
                throw new BacktrackException($"ssh to {invocation.Target} failed (its error is above); check that '{invocation.Target.ManualCommand}' works");
            }

            return ssh.ExitCode;
        }
    }

    private static void Interrupt(Process ssh)
    {
        if (!ssh.HasExited)
        {
            using var kill = Process.Start("kill", ["-s", "INT", ssh.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }
}
