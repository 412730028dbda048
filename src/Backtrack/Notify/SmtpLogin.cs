namespace Backtrack.Notify;

/// <summary>An SMTP login, read from the variables the config names (both secret).</summary>
public sealed record SmtpLogin(string UserName, string Password)
{
    public override string ToString() => "SmtpLogin { *** }";
}
