using System.ComponentModel;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class ServeSettings : EnvironmentSettings
{
    [CommandOption("--listen <ADDRESS>")]
    [Description("IP:PORT to listen on (default 127.0.0.1:8480; port 0 picks a free one)")]
    [DefaultValue("127.0.0.1:8480")]
    public string Listen { get; init; } = "127.0.0.1:8480";

    [CommandOption("--token-file <FILE>")]
    [Description("A file holding the token that allows actions (rollback, verify, snapshot); without it the page is read-only")]
    public string? TokenFile { get; init; }

    [CommandOption("--tls-cert <FILE>")]
    [Description("PEM certificate for HTTPS (with --tls-key)")]
    public string? TlsCertificate { get; init; }

    [CommandOption("--tls-key <FILE>")]
    [Description("PEM private key of --tls-cert")]
    public string? TlsKey { get; init; }

    [CommandOption("--insecure-listen")]
    [Description("Allow plain HTTP on an address other than loopback (anyone on the network reads the page and the token)")]
    public bool InsecureListen { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        (TlsCertificate is null) != (TlsKey is null)
            ? Spectre.Console.ValidationResult.Error("--tls-cert and --tls-key go together")
            : base.Validate();
}
