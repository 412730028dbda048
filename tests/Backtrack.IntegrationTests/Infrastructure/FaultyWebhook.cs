using System.Net.Sockets;
using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A webhook on 127.0.0.1 that misbehaves: it accepts every connection and then either never answers or
/// answers every request with HTTP 500. It counts the connections it accepted; disposing closes them all.
/// </summary>
public sealed class FaultyWebhook : LoopbackTcpServer
{
    private readonly bool answers500;

    private FaultyWebhook(bool answers500)
    {
        this.answers500 = answers500;
        Listen();
    }

    public static FaultyWebhook Start(WebhookFault fault) => new(fault == WebhookFault.Answers500);

    protected override void Accepted(TcpClient client)
    {
        if (answers500)
        {
            _ = AnswerAsync(client);
        }
    }

    /// <summary>Reads each request (headers, then the body its Content-Length gives) and answers 500, until the client closes.</summary>
    private async Task AnswerAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var pending = new StringBuilder();
            while (!Stopping.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, Stopping);
                if (read == 0)
                {
                    return;
                }

                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                while (CompleteRequestLength(pending.ToString()) is { } length)
                {
                    pending.Remove(0, length);
                    await stream.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nboom"u8.ToArray(), Stopping);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the test is over.
        }
    }

    /// <summary>The length of the first complete request in TEXT (headers, then a body of Content-Length or chunked), or null while it is incomplete.</summary>
    private static int? CompleteRequestLength(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var headers = text[..end].Split("\r\n");
        if (headers.Any(h => h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && h.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            // The last chunk is "0" CRLF CRLF; the CRLF before it may be the one that ended the headers.
            var last = text.IndexOf("\r\n0\r\n\r\n", end + 2, StringComparison.Ordinal);
            return last < 0 ? null : last + 7;
        }

        var length = headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = length is null ? 0 : int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return text.Length >= end + 4 + body ? end + 4 + body : null;
    }
}
