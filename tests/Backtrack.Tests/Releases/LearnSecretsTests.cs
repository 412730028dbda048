using Backtrack.Engine;
using Backtrack.Releases;
using Backtrack.Secrets;
using Backtrack.State;

namespace Backtrack.Tests.Releases;

/// <summary>Opening the state database teaches the process the secret env values of every recorded spec (read by SQLite out of the stored JSON).</summary>
public sealed class LearnSecretsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-learn-secrets-").FullName;
    private readonly string id = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Given_recorded_specs_when_their_secrets_are_learned_then_every_release_s_secret_values_are_redacted_and_other_values_kept()
    {
        using var database = await StateDatabase.OpenAsync(directory, CancellationToken.None);
        var store = new ReleaseStore(database);
        await store.AddAsync(Release("DB_PASSWORD=old-{0}", "MODE=m-{0}"), CancellationToken.None);
        await store.AddAsync(Release("DB_PASSWORD=new-{0}", "MODE=m-{0}", "API_TOKEN=a=b-{0}"), CancellationToken.None);

        await store.LearnSecretsAsync(CancellationToken.None);

        Assert.Equal($"[redacted] [redacted] [redacted] m-{id}", SecretRegistry.Redact($"old-{id} new-{id} a=b-{id} m-{id}"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Release Release(params string[] env) =>
        new(0, DateTimeOffset.UtcNow, "record", null, null, null,
            [new ServiceRelease("api", "shop-api-1", "shop/api:v1", "sha256:1", true,
                new ContainerSpec { Image = "shop/api:v1", HostConfigJson = "{}", Env = env.Select(e => string.Format(System.Globalization.CultureInfo.InvariantCulture, e, id)).ToList() })]);
}
