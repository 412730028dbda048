using System.Diagnostics;
using System.Text;
using Backtrack.Remote;
using Docker.DotNet.Handler.Abstractions;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// One connection to a remote engine: the system ssh running <c>docker system dial-stdio</c> on the host, its
/// stdin and stdout the two directions. Closing the write side closes ssh's stdin, which the engine sees as the
/// end of an attached stream's input. A connection that ssh could not make reads or writes as an
/// <see cref="SshConnectionException"/> explaining ssh's own error.
/// </summary>
internal sealed class SshDialStream : WriteClosableStream
{
    private const int StderrLimit = 8192;
    private readonly SshTarget target;
    private readonly Process process;
    private readonly Stream input;
    private readonly Stream output;
    private readonly StringBuilder stderr = new();
    private readonly Task stderrDrained;
    private int disposed;

    private SshDialStream(SshTarget target, Process process)
    {
        this.target = target;
        this.process = process;
        input = process.StandardInput.BaseStream;
        output = process.StandardOutput.BaseStream;
        stderrDrained = DrainStderrAsync(process.StandardError);
    }

    public static SshDialStream Open(SshTarget target)
    {
        var start = ExternalProcess.StartInfo("ssh", SshCommand.DialStdio(target), Environment.CurrentDirectory, null);
        try
        {
            return new SshDialStream(target, Process.Start(start) ?? throw new SshConnectionException("ssh did not start"));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SshConnectionException("no ssh client on this machine; install openssh-client to reach an ssh:// engine");
        }
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override bool CanCloseWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            await ThrowIfSshFailedAsync().ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await input.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await ThrowIfSshFailedAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => input.FlushAsync(cancellationToken);

    public override void Flush() => input.Flush();

    public override void CloseWrite() => input.Close();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The HTTP handler's buffered stream and its connection both dispose their transport.
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            input.Dispose();
            output.Dispose();
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended already (the engine closed the connection).
            }

            process.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>An end of output is ssh failing when ssh exits non-zero (the engine closing ends it with 0).</summary>
    private async Task ThrowIfSshFailedAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            await stderrDrained.WaitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (process.ExitCode != 0)
        {
            string text;
            lock (stderr)
            {
                text = stderr.ToString();
            }

            throw new SshConnectionException(SshFailure.Explain(target, process.ExitCode, text));
        }
    }

    private async Task DrainStderrAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (stderr)
            {
                if (stderr.Length < StderrLimit)
                {
                    stderr.AppendLine(line);
                }
            }
        }
    }
}
