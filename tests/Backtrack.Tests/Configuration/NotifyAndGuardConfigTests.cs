using Backtrack.Configuration;

namespace Backtrack.Tests.Configuration;

public sealed class NotifyAndGuardConfigTests
{
    private const string Path = "/srv/deploy/backtrack.yml";

    [Fact]
    public void Given_every_channel_and_prometheus_signal_when_parsed_then_each_setting_is_read()
    {
        var env = ConfigLoader.Parse("""
            environments:
              prod:
                project: shop
                notify:
                  webhookUrlEnv: SLACK_URL
                  timeout: 2s
                  pagerduty:
                    routingKeyEnv: PD_KEY
                  email:
                    host: smtp.example.com
                    from: backtrack@example.com
                    to: [ops@example.com, lead@example.com]
                    usernameEnv: SMTP_USER
                    passwordEnv: SMTP_PASSWORD
                guard:
                  prometheus:
                    url: http://127.0.0.1:9090
                    query: sum(rate(errors[1m])) / sum(rate(requests[1m]))
                    above: 0.05
                services:
                  web:
                    guard:
                      prometheus: { url: http://prom:9090/prefix, query: web_error_ratio, above: 1e-2 }
            """, Path).Select(null);

        Assert.Equal("SLACK_URL", env.Notify.WebhookUrlEnv);
        Assert.Equal(TimeSpan.FromSeconds(2), env.Notify.Timeout);
        Assert.Equal(new PagerDutyConfig("PD_KEY", PagerDutyConfig.DefaultUrl), env.Notify.PagerDuty);
        var email = env.Notify.Email!;
        Assert.Equal(("smtp.example.com", 587, EmailSecurity.StartTlsWhenOffered), (email.Host, email.Port, email.Security));
        Assert.Equal(["ops@example.com", "lead@example.com"], email.To);
        Assert.Equal(("SMTP_USER", "SMTP_PASSWORD"), (email.UsernameEnv, email.PasswordEnv));
        Assert.Equal(new PrometheusConfig(new Uri("http://127.0.0.1:9090"), "sum(rate(errors[1m])) / sum(rate(requests[1m]))", 0.05), env.Guard.Prometheus);
        Assert.Equal(new PrometheusConfig(new Uri("http://prom:9090/prefix"), "web_error_ratio", 0.01), env.Services["web"].Guard?.Prometheus);
    }

    [Fact]
    public void Given_a_pinned_fingerprint_with_colons_when_parsed_then_it_is_kept_as_upper_case_hex()
    {
        var pin = string.Join(':', Enumerable.Repeat("ab", 32));

        var env = ConfigLoader.Parse($"environments:\n  prod:\n    project: shop\n    notify:\n      email:\n        host: h\n        from: a@b\n        to: [c@d]\n        certificateSha256: {pin}\n", Path).Select(null);

        Assert.Equal(string.Concat(Enumerable.Repeat("AB", 32)), env.Notify.Email!.CertificateSha256);
        Assert.Null(env.Notify.Email.CaFile);
    }

    [Fact]
    public void Given_only_the_webhook_when_parsed_then_no_other_channel_and_no_signal()
    {
        var env = ConfigLoader.Parse("environments:\n  prod:\n    project: shop\n    notify:\n      webhookUrlEnv: HOOK\n", Path).Select(null);

        Assert.Equal(new NotifyConfig("HOOK"), env.Notify);
        Assert.Null(env.Notify.PagerDuty);
        Assert.Null(env.Notify.Email);
        Assert.Equal(NotifyConfig.DefaultTimeout, env.Notify.Timeout);
        Assert.Equal(GuardConfig.Default, env.Guard);
    }

    [Theory]
    [InlineData("notify:\n      pagerduty:\n        url: http://127.0.0.1/x", 6, "environments.prod.notify.pagerduty.routingKeyEnv: missing")]
    [InlineData("notify:\n      pagerduty:\n        routingKeyEnv: K\n        url: ftp://x", 7, "environments.prod.notify.pagerduty.url: expected an http(s) URL")]
    [InlineData("notify:\n      email:\n        host: h\n        from: a@b\n        to: [c@d]\n        tls: ssl", 9, "environments.prod.notify.email.tls: expected auto, starttls, tls or none (got 'ssl')")]
    [InlineData("notify:\n      email:\n        host: h\n        from: a@b", 6, "environments.prod.notify.email.to: missing")]
    [InlineData("notify:\n      email:\n        host: h\n        from: a@b\n        to: [c@d]\n        port: 70000", 9, "environments.prod.notify.email.port: '70000' is not a TCP port")]
    [InlineData("notify:\n      email:\n        host: h\n        from: a@b\n        to: [c@d]\n        certificateSha256: AB:CD", 9, "environments.prod.notify.email.certificateSha256: expected the certificate's SHA-256 fingerprint, 64 hex digits")]
    [InlineData("notify:\n      email:\n        host: h\n        from: a@b\n        to: [c@d]\n        caFile: /nonexistent/ca.pem", 9, "environments.prod.notify.email.caFile: cannot read /nonexistent/ca.pem")]
    [InlineData("guard:\n      prometheus:\n        url: http://p:9090\n        query: q\n        above: lots", 8, "environments.prod.guard.prometheus.above: 'lots' is not a number")]
    [InlineData("guard:\n      prometheus:\n        query: q\n        above: 1", 6, "environments.prod.guard.prometheus.url: missing")]
    [InlineData("guard:\n      datadog: {}", 5, "environments.prod.guard.datadog: unknown key")]
    [InlineData("services:\n      web:\n        guard:\n          prometheus:\n            url: http://p\n            query: q", 8, "environments.prod.services.web.guard.prometheus.above: missing")]
    public void Given_a_wrong_setting_when_parsed_then_the_error_names_file_line_and_key(string yaml, int line, string expected)
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse($"environments:\n  prod:\n    project: shop\n    {yaml}\n", Path));

        Assert.StartsWith($"{Path}:{line}: {expected}", error.Message, StringComparison.Ordinal);
    }
}
