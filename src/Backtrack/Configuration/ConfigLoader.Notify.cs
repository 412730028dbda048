using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

/// <summary>The <c>notify:</c> channels and the Prometheus query of a <c>guard:</c> section (the rest of it: ConfigLoader.Guard.cs).</summary>
public static partial class ConfigLoader
{
    private static NotifyConfig ParseNotify(Reader reader, YamlMappingNode map, string key, string configDirectory)
    {
        reader.RejectUnknown(map, key, ["webhookUrlEnv", "pagerduty", "email", "timeout"]);
        return new NotifyConfig(reader.Scalar(map, "webhookUrlEnv", $"{key}.webhookUrlEnv"))
        {
            PagerDuty = reader.Mapping(map, "pagerduty", $"{key}.pagerduty") is { } pagerDuty ? ParsePagerDuty(reader, pagerDuty, $"{key}.pagerduty") : null,
            Email = reader.Mapping(map, "email", $"{key}.email") is { } email ? ParseEmail(reader, email, $"{key}.email", configDirectory) : null,
            Timeout = reader.Duration(map, "timeout", $"{key}.timeout") ?? NotifyConfig.DefaultTimeout,
        };
    }

    private static PagerDutyConfig ParsePagerDuty(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["routingKeyEnv", "url"]);
        return new PagerDutyConfig(
            reader.Scalar(map, "routingKeyEnv", $"{key}.routingKeyEnv", required: true)!,
            HttpUrl(reader, map, "url", key) ?? PagerDutyConfig.DefaultUrl);
    }

    private static EmailConfig ParseEmail(Reader reader, YamlMappingNode map, string key, string configDirectory)
    {
        reader.RejectUnknown(map, key, ["host", "port", "from", "to", "usernameEnv", "passwordEnv", "tls", "caFile", "certificateSha256"]);
        var security = reader.Scalar(map, "tls", $"{key}.tls") switch
        {
            null or "auto" => EmailSecurity.StartTlsWhenOffered,
            "starttls" => EmailSecurity.StartTls,
            "tls" => EmailSecurity.Tls,
            "none" => EmailSecurity.None,
            var other => throw reader.Error(map.Children[new YamlScalarNode("tls")], $"{key}.tls", $"expected auto, starttls, tls or none (got '{other}')"),
        };
        var port = reader.Integer(map, "port", $"{key}.port") ?? (security is EmailSecurity.Tls ? 465 : 587);
        if (port is 0 or > 65535)
        {
            throw reader.Error(map.Children[new YamlScalarNode("port")], $"{key}.port", $"'{port}' is not a TCP port (1-65535)");
        }

        var to = reader.List(map, "to", $"{key}.to");
        return new EmailConfig(
            reader.Scalar(map, "host", $"{key}.host", required: true)!,
            port,
            reader.Scalar(map, "from", $"{key}.from", required: true)!,
            to.Count > 0 ? to : throw reader.Error(map, $"{key}.to", "missing; list at least one recipient, e.g. [ops@example.com]"),
            reader.Scalar(map, "usernameEnv", $"{key}.usernameEnv"),
            reader.Scalar(map, "passwordEnv", $"{key}.passwordEnv"),
            security)
        {
            CaFile = CaFile(reader, map, key, configDirectory),
            CertificateSha256 = Fingerprint(reader, map, key),
        };
    }

    /// <summary>A PEM file of CA certificates (an internal CA) that the SMTP server's certificate may chain to; it must hold one.</summary>
    private static string? CaFile(Reader reader, YamlMappingNode map, string key, string configDirectory)
    {
        if (reader.Scalar(map, "caFile", $"{key}.caFile") is not { } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file, configDirectory);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw reader.Error(map.Children[new YamlScalarNode("caFile")], $"{key}.caFile", $"cannot read {path} ({e.Message}); name a PEM file of the CA's certificate");
        }

        return certificates.Count > 0
            ? path
            : throw reader.Error(map.Children[new YamlScalarNode("caFile")], $"{key}.caFile", $"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    /// <summary>The SMTP server certificate's SHA-256 fingerprint, pinned: 64 hex digits, colons allowed (as openssl prints it).</summary>
    private static string? Fingerprint(Reader reader, YamlMappingNode map, string key)
    {
        if (reader.Scalar(map, "certificateSha256", $"{key}.certificateSha256") is not { } text)
        {
            return null;
        }

        var hex = text.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? hex
            : throw reader.Error(map.Children[new YamlScalarNode("certificateSha256")], $"{key}.certificateSha256",
                "expected the certificate's SHA-256 fingerprint, 64 hex digits (openssl x509 -noout -fingerprint -sha256 -in CERT)");
    }

    private static PrometheusConfig? PrometheusIn(Reader reader, YamlMappingNode parent, string key) =>
        reader.Mapping(parent, "prometheus", key) is { } map ? ParsePrometheus(reader, map, key) : null;

    private static PrometheusConfig ParsePrometheus(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["url", "query", "above"]);
        var above = reader.Scalar(map, "above", $"{key}.above", required: true)!;
        return new PrometheusConfig(
            HttpUrl(reader, map, "url", key) ?? throw reader.Error(map, $"{key}.url", "missing; this key is required (e.g. http://127.0.0.1:9090)"),
            reader.Scalar(map, "query", $"{key}.query", required: true)!,
            double.TryParse(above, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) && double.IsFinite(threshold)
                ? threshold
                : throw reader.Error(map.Children[new YamlScalarNode("above")], $"{key}.above", $"'{above}' is not a number (e.g. 0.05)"));
    }

    private static Uri? HttpUrl(Reader reader, YamlMappingNode map, string name, string key)
    {
        var text = reader.Scalar(map, name, $"{key}.{name}");
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw reader.Error(map.Children[new YamlScalarNode(name)], $"{key}.{name}", "expected an http(s) URL");
    }
}
