namespace Backtrack.Configuration;

/// <summary>How the SMTP connection is protected (backtrack.yml's <c>notify.email.tls</c>).</summary>
public enum EmailSecurity
{
    /// <summary>'auto': STARTTLS when the server offers it, else plain (a relay on the host).</summary>
    StartTlsWhenOffered,

    /// <summary>'starttls': STARTTLS or no mail.</summary>
    StartTls,

    /// <summary>'tls': TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>'none': plain, even when STARTTLS is offered.</summary>
    None,
}
