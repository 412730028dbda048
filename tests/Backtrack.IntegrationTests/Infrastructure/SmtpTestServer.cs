using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 for one test: EHLO (offering AUTH PLAIN, and STARTTLS when it has a
/// certificate), STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT; it keeps each mail's envelope, login, data and whether
/// the session had upgraded to TLS. Or, silent, it accepts connections and never greets.
/// </summary>
public sealed class SmtpTestServer : LoopbackTcpServer
{
    private readonly Channel<SmtpTestMail> mails = Channel.CreateUnbounded<SmtpTestMail>();
    private readonly bool silent;
    private readonly X509Certificate2? certificate;

    private SmtpTestServer(bool silent, X509Certificate2? certificate)
    {
        this.silent = silent;
        this.certificate = certificate;
        Listen();
    }

    public static SmtpTestServer Start() => new(silent: false, certificate: null);

    /// <summary>A server that offers STARTTLS with the given certificate.</summary>
    public static SmtpTestServer StartWithStartTls(X509Certificate2 certificate) => new(silent: false, certificate);

    /// <summary>A server that accepts and never says a word: a mail relay that hangs.</summary>
    public static SmtpTestServer StartSilent() => new(silent: true, certificate: null);

    /// <summary>The next COUNT mails received, waited for at most TIMEOUT.</summary>
    public async Task<IReadOnlyList<SmtpTestMail>> ReceiveAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new List<SmtpTestMail>();
        while (received.Count < count)
        {
            received.Add(await mails.Reader.ReadAsync(deadline.Token));
        }

        return received;
    }

    protected override void Accepted(TcpClient client)
    {
        if (!silent)
        {
            _ = ConverseAsync(client);
        }
    }

    /// <summary>One session, command by command, until QUIT or the client goes; mails are kept as they end.</summary>
    private async Task ConverseAsync(TcpClient client)
    {
        try
        {
            Stream stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 127.0.0.1 ESMTP test");
            var mail = new SmtpTestMail();
            while (await reader.ReadLineAsync(Stopping) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync($"250-127.0.0.1\r\n{(certificate is null || mail.OverTls ? "" : "250-STARTTLS\r\n")}250-AUTH PLAIN\r\n250 8BITMIME\r\n");
                        break;
                    case "STARTTLS" when certificate is not null:
                        await writer.WriteLineAsync("220 2.0.0 ready to start TLS");
                        var tls = new SslStream(stream);
                        await tls.AuthenticateAsServerAsync(certificate);
                        (stream, reader, writer) = (tls, new StreamReader(tls, Encoding.ASCII), new StreamWriter(tls, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true });
                        mail = mail with { OverTls = true };
                        break;
                    case "AUTH":
                        mail = mail with { Login = line.Split(' ') is [_, _, var initial] ? initial : await AskAsync(writer, reader) };
                        await writer.WriteLineAsync("235 2.7.0 authenticated");
                        break;
                    case "MAIL":
                        mail = mail with { From = line };
                        await writer.WriteLineAsync("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        mail = mail with { To = [.. mail.To, line] };
                        await writer.WriteLineAsync("250 2.1.5 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        mail = mail with { Data = await ReadDataAsync(reader) };
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        await mails.Writer.WriteAsync(mail, Stopping);
                        mail = new SmtpTestMail { Login = mail.Login, OverTls = mail.OverTls };
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, or the test is over.
        }
    }

    private async Task<string> AskAsync(StreamWriter writer, StreamReader reader)
    {
        await writer.WriteLineAsync("334 ");
        return await reader.ReadLineAsync(Stopping) ?? "";
    }

    private async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(Stopping) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append('\n');
        }

        return data.ToString();
    }
}
