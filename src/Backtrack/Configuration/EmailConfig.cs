namespace Backtrack.Configuration;

/// <summary>Email over SMTP: the server, the sender and recipients; the login is read from the named variables (secrets).</summary>
public sealed record EmailConfig(string Host, int Port, string From, IReadOnlyList<string> To, string? UsernameEnv, string? PasswordEnv, EmailSecurity Security);
