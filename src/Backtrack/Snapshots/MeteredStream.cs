using System.Diagnostics;
using System.Security.Cryptography;

namespace Backtrack.Snapshots;

/// <summary>
/// Passes reads or writes through to an inner stream while counting the bytes, hashing them (sha256) and
/// reporting progress about once a second: checksums come out of the copy itself, with no second pass.
/// </summary>
public sealed class MeteredStream(Stream inner, string what, long? total, IProgress<TransferProgress>? progress, bool leaveOpen = false) : Stream
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastReport;

    public long Count { get; private set; }

    /// <summary>The sha256 of every byte that went through, lower-case hex; ends the hashing.</summary>
    public string FinishHash()
    {
        progress?.Report(new TransferProgress(what, Count, total, clock.Elapsed, Done: true));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Observe(buffer.AsSpan(offset, count));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Observe(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        hash.AppendData(data);
        Count += data.Length;
        if (progress is not null && clock.Elapsed - lastReport >= ReportEvery)
        {
            lastReport = clock.Elapsed;
            progress.Report(new TransferProgress(what, Count, total, clock.Elapsed, Done: false));
        }
    }
}
