using Backtrack.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Backtrack.Notify;

/// <summary>
/// Email over SMTP (MailKit): a plain-text mail when an operation starts and when it ends, its subject the
/// headline. STARTTLS when the server offers it (unless configured otherwise), the server's certificate checked
/// against the system's trust and the configured CA or fingerprint; the login only when given.
/// </summary>
public sealed class EmailChannel(EmailConfig config, SmtpLogin? login) : INotificationChannel
{
    public string Name => "email";

    public bool Wants(OperationNotice notice) => true;

    public async Task SendAsync(OperationNotice notice, CancellationToken ct)
    {
        using var message = Message(config, notice);
        using var client = new SmtpClient();

        // Read at each send: a CA file that went away fails this mail (a warning), never the operation.
        if (SmtpServerTrust.FromConfig(config) is { } trust)
        {
            client.ServerCertificateValidationCallback = trust.Validate;
        }

        try
        {
            await client.ConnectAsync(config.Host, config.Port, Security(config.Security), ct).ConfigureAwait(false);
            if (login is { } credential)
            {
                await client.AuthenticateAsync(credential.UserName, credential.Password, ct).ConfigureAwait(false);
            }

            await client.SendAsync(message, ct).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SmtpCommandException or AuthenticationException)
        {
            throw new NotificationRejectedException($"SMTP server refused: {e.Message}");
        }
    }

    public static MimeMessage Message(EmailConfig config, OperationNotice notice)
    {
        var message = new MimeMessage { Subject = NoticeText.Headline(notice), Body = new TextPart("plain") { Text = NoticeText.Full(notice) + "\n" } };
        message.From.Add(MailboxAddress.Parse(config.From));
        message.To.AddRange(config.To.Select(MailboxAddress.Parse));
        return message;
    }

    private static SecureSocketOptions Security(EmailSecurity security) => security switch
    {
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
