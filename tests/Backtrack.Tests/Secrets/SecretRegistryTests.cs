using Backtrack.Secrets;

namespace Backtrack.Tests.Secrets;

/// <summary>The registry is process-wide: each test uses values of its own.</summary>
public sealed class SecretRegistryTests
{
    private readonly string id = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Given_env_entries_when_learned_then_only_values_of_secret_names_are_redacted()
    {
        SecretRegistry.AddEnv([$"API_TOKEN=tok-{id}", $"SERVICE_NAME=svc-{id}", "DEBUG_AUTH=true"]);

        Assert.Equal($"[redacted] svc-{id} true", SecretRegistry.Redact($"tok-{id} svc-{id} true"));
    }

    [Fact]
    public void Given_a_configured_name_when_its_env_is_learned_then_its_value_is_redacted()
    {
        SecretRegistry.AddNames([$"STRIPE_{id}"]);
        SecretRegistry.AddEnv([$"STRIPE_{id}=w{id}"]);

        Assert.Equal("key [redacted]", SecretRegistry.Redact($"key w{id}"));
    }

    [Fact]
    public void Given_a_multi_line_secret_when_learned_then_each_line_is_redacted_alone()
    {
        SecretRegistry.AddValue($"-----BEGIN {id}-----\r\nMIIB{id}\n-----END {id}-----\n");

        Assert.Equal("line: [redacted]", SecretRegistry.Redact($"line: MIIB{id}"));
    }
}
