using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backtrack.Cleanup.Steps;
using Backtrack.Cli.Commands;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Secrets;
using Backtrack.Snapshots;
using Backtrack.Verify;

namespace Backtrack.Tests.Cli.Views;

/// <summary>
/// The -o json views are named records with generated metadata; their JSON must be what the anonymous
/// types they replaced wrote by reflection (the integration tests and the README read it).
/// </summary>
public sealed class JsonShapeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 15, 30, 12, TimeSpan.Zero);

    /// <summary>The CLI's JSON options as they were, with reflection's metadata.</summary>
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new RedactingStringConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Compact = new(Reflection) { WriteIndented = false };

    private static readonly string[] JournalErrors = ["disk full"];

    [Fact]
    public void Given_every_json_shape_of_the_cli_then_each_has_generated_metadata()
    {
        var shapes = typeof(PlanJson).Assembly.GetTypes().Where(t => t.Namespace == typeof(PlanJson).Namespace && !t.IsNested).ToList();

        Assert.NotEmpty(shapes);
        Assert.All(shapes, t => Assert.NotNull(CliJsonContext.Default.GetTypeInfo(t)));
    }

    [Fact]
    public void Given_a_plan_when_written_as_json_then_it_is_what_the_anonymous_view_wrote()
    {
        var plan = new Plan("op-1", "cleanup", "remove one image", [new RemoveImageStep(0, "shop/web:v1", "sha256:" + new string('a', 64), "unused")]);

        Assert.Equal(
            JsonSerializer.Serialize(new
            {
                kind = plan.Kind,
                summary = plan.Summary,
                steps = plan.Steps.Select(s => new { stage = s.Wave, lane = s.Lane, action = s.Describe(), undo = s.DescribeCompensation() }),
            }, Reflection),
            Json.Serialize(PlanView.ToJson(plan)));
    }

    [Fact]
    public void Given_a_release_when_written_as_json_then_it_names_env_variables_only_as_the_anonymous_view_did()
    {
        var spec = new ContainerSpec { Image = "shop/web:v1", Env = ["API_TOKEN=secret", "MODE=live"], HostConfigJson = "{}", Networks = [new NetworkAttachment("shop_default", ["web"], null)] };
        var release = new Release(7, At, "rollback", null, "abc1234", "op-1", [new ServiceRelease("web", "shop-web-1", "shop/web:v1", "sha256:abc", true, spec)]);

        var written = Json.Serialize(ReleasesCommand.ToJson(release, 7));

        Assert.DoesNotContain("secret", written, StringComparison.Ordinal);
        Assert.Equal(
            JsonSerializer.Serialize(new
            {
                id = release.Id,
                current = true,
                created = release.Created,
                origin = release.Origin,
                note = release.Note,
                gitCommit = release.GitCommit,
                operation = release.OperationId,
                services = release.Services.Select(s => new
                {
                    service = s.Service,
                    container = s.ContainerName,
                    image = s.Image,
                    imageId = s.ImageId,
                    healthy = s.Healthy,
                    envNames = s.Spec.EnvNames,
                    networks = s.Spec.Networks.Select(n => n.Network),
                }),
            }, Reflection),
            written);
    }

    [Fact]
    public void Given_a_snapshot_without_databases_when_written_as_json_then_its_absent_sections_are_null_as_before()
    {
        var manifest = new SnapshotManifest(2, "snap-1", "manual", "prod", "shop", At, [new SnapshotArtifact("a.dump", "postgres-dump", 12, "ab", new Dictionary<string, string>())], null, null, Note: "before upgrade");

        Assert.Equal(
            JsonSerializer.Serialize(new
            {
                id = manifest.Id,
                kind = manifest.Kind,
                created = manifest.CreatedAt,
                bytes = manifest.TotalBytes,
                postgres = manifest.Postgres?.Databases.Select(d => d.Name),
                redisKeys = manifest.Redis?.Keys,
                full = manifest.IsFull,
                volumes = manifest.Volumes?.Select(v => v.Name),
                configFiles = manifest.Config?.Select(c => c.Path),
                note = manifest.Note,
            }, Reflection),
            Json.Serialize(SnapshotListCommand.ToJson(manifest)));
    }

    [Fact]
    public void Given_a_manifest_when_written_as_json_then_its_attribute_names_are_written_as_reflection_wrote_them()
    {
        var manifest = new SnapshotManifest(2, "snap-1", "full", "prod", "shop", At, [new SnapshotArtifact("v.tar", "volume-archive", 12, "ab", new Dictionary<string, string> { ["volume"] = "data" })], null, null);

        Assert.Equal(JsonSerializer.Serialize(manifest, Reflection), Json.Serialize(manifest));
    }

    [Fact]
    public void Given_a_secret_as_a_dictionary_key_when_written_as_json_then_the_key_is_redacted_as_a_value_is()
    {
        var secret = "key-" + Guid.NewGuid().ToString("N");
        SecretRegistry.AddValue(secret);
        var manifest = new SnapshotManifest(2, "snap-1", "full", "prod", "shop", At, [new SnapshotArtifact("v.tar", "volume-archive", 12, "ab", new Dictionary<string, string> { [secret] = secret })], null, null);

        var written = Json.Serialize(manifest);

        Assert.DoesNotContain(secret, written, StringComparison.Ordinal);
        Assert.Contains("\"[redacted]\": \"[redacted]\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_outcome_when_written_as_json_then_its_enum_is_a_name_and_its_checklist_is_the_report_as_before()
    {
        var report = new VerifyReport(At, TimeSpan.FromMinutes(5), [new VerifyCheck("running", "web", true, "up 3s")]);
        var outcome = new OutcomeJson("op-1", ExecutionOutcome.RolledBack, true, "start web", "it failed", [], JournalErrors, report, 1.5);

        Assert.Equal(
            JsonSerializer.Serialize(new
            {
                operation = "op-1",
                outcome = ExecutionOutcome.RolledBack,
                changed = true,
                failedStep = "start web",
                error = "it failed",
                compensationErrors = Array.Empty<string>(),
                journalErrors = JournalErrors,
                verification = report,
                seconds = 1.5,
            }, Reflection),
            Json.Serialize(outcome));
    }

    [Fact]
    public void Given_the_inventory_when_written_compact_then_it_is_what_the_page_read_before()
    {
        var snapshot = new SnapshotJson("snap-1", "full", At, 10, ["shop"], 3, true, ["data"], [".env"], null);
        var inventory = new InventoryJson(
            [new InventoryReleaseJson(7, At, false, true, [new InventoryServiceJson("web", "shop/web:v1", "sha256:abc", true, true)])],
            [new InventorySnapshotJson(snapshot, null, 60)]);

        Assert.Equal(
            JsonSerializer.Serialize(new
            {
                releases = new[] { new { id = 7L, created = At, current = false, rollbackable = true, services = new[] { new { service = "web", image = "shop/web:v1", imageId = "sha256:abc", imagePresent = true, specRecorded = true } } } },
                snapshots = new[] { new { snapshot = (object)snapshot, verifiedAt = (DateTimeOffset?)null, discardsSeconds = 60.0 } },
            }, Compact),
            Json.Serialize(inventory, indented: false));
    }
}
