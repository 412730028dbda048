using System.Diagnostics;
using System.Security.Cryptography;

namespace Backtrack.Remote;

/// <summary>
/// <c>install --host</c>: copies the single file of the host's architecture (<c>uname -m</c>) from a folder of
/// <c>scripts/package.sh</c>'s output to DIR/backtrack on the host, through the system ssh, unless the file there
/// already has its sha256. The copy is written beside the target, checked by sha256 on the host, then renamed
/// over it: a broken transfer never replaces a working Backtrack.
/// </summary>
public static class RemoteInstaller
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(15);

    public static async Task<InstallResult> InstallAsync(SshTarget target, string directory, string packages, CancellationToken ct)
    {
        var rid = await RuntimeOfAsync(target, ct).ConfigureAwait(false);
        var file = Path.Combine(packages, "backtrack-" + rid);
        var hash = await VerifiedHashAsync(file, ct).ConfigureAwait(false);
        var destination = directory.TrimEnd('/') + "/backtrack";
        var installed = await RunAsync(target, $"sha256sum -- {RemoteInvocation.Quote(destination)} 2>/dev/null || true", null, CommandTimeout, ct).ConfigureAwait(false);
        if (installed.Stdout.StartsWith(hash, StringComparison.Ordinal))
        {
            return new InstallResult(rid, hash, destination, Copied: false);
        }

        var partial = RemoteInvocation.Quote(directory.TrimEnd('/') + "/.backtrack.partial");
        var copy = string.Join(
            " && ",
            $"mkdir -p -- {RemoteInvocation.Quote(directory)}",
            $"cat > {partial}",
            $"echo {hash}' '{partial} | sha256sum -c --quiet -",
            $"chmod 0755 {partial}",
            $"mv -f -- {partial} {RemoteInvocation.Quote(destination)}");
        var result = await RunAsync(target, copy, file, CopyTimeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"could not install {Path.GetFileName(file)} at {target}:{destination}: {result.LastLine()}");
        }

        return new InstallResult(rid, hash, destination, Copied: true);
    }

    private static async Task<string> RuntimeOfAsync(SshTarget target, CancellationToken ct)
    {
        var machine = await RunAsync(target, "uname -m", null, CommandTimeout, ct).ConfigureAwait(false);
        if (!machine.Succeeded)
        {
            throw new BacktrackException(SshFailure.Explain(target, machine.ExitCode, machine.Stderr));
        }

        return machine.Stdout.Trim() switch
        {
            "x86_64" or "amd64" => "linux-x64",
            "aarch64" or "arm64" => "linux-arm64",
            var other => throw new BacktrackException($"{target} is a '{other}' machine; Backtrack is packaged for x86_64 and aarch64 only"),
        };
    }

    /// <summary>The file's sha256, which must match the .sha256 file scripts/package.sh wrote beside it.</summary>
    private static async Task<string> VerifiedHashAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file) || !File.Exists(file + ".sha256"))
        {
            throw new BacktrackException($"no {file} with its .sha256; run scripts/package.sh, or pass --from the folder that holds them");
        }

        await using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        var expected = (await File.ReadAllTextAsync(file + ".sha256", ct).ConfigureAwait(false)).Split(' ', 2)[0].Trim();
        return hash == expected
            ? hash
            : throw new BacktrackException($"{file} does not match {file}.sha256; publish it again with scripts/package.sh");
    }

    /// <summary>One command on the host through ssh, with a file (or nothing) as its input.</summary>
    private static async Task<ProcessOutput> RunAsync(SshTarget target, string command, string? input, TimeSpan timeout, CancellationToken ct)
    {
        using var process = Process.Start(ExternalProcess.StartInfo("ssh", SshCommand.Arguments(target, [command]), Environment.CurrentDirectory, null))
            ?? throw new BacktrackException("ssh did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            if (input is not null)
            {
                await using var file = File.OpenRead(input);
                await file.CopyToAsync(process.StandardInput.BaseStream, deadline.Token).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return new ProcessOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new BacktrackException($"ssh to {target} did not finish within {timeout.TotalMinutes:0} min, or broke off; try again", e);
        }
    }
}
