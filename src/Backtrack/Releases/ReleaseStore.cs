using System.Globalization;
using System.Text.Json;
using Backtrack.Engine;
using Backtrack.Secrets;
using Backtrack.State;
using Backtrack.Serialization;

namespace Backtrack.Releases;

/// <summary>The release history in the state database, newest first.</summary>
public sealed class ReleaseStore(StateDatabase database)
{
    public Task<long> AddAsync(Release release, CancellationToken ct) =>
        database.RunAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO releases (created, note, git_commit, origin, operation_id) VALUES ($created, $note, $commit, $origin, $op);
                    SELECT last_insert_rowid();
                    """;
                insert.Parameters.AddWithValue("$created", release.Created.ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$note", (object?)release.Note ?? DBNull.Value);
                insert.Parameters.AddWithValue("$commit", (object?)release.GitCommit ?? DBNull.Value);
                insert.Parameters.AddWithValue("$origin", release.Origin);
                insert.Parameters.AddWithValue("$op", (object?)release.OperationId ?? DBNull.Value);
                var id = (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                foreach (var service in release.Services)
                {
                    using var row = connection.CreateCommand();
                    row.Transaction = transaction;
                    row.CommandText = """
                        INSERT INTO release_services (release_id, service, container_name, image, image_id, healthy, spec, service_spec, spec_version)
                        VALUES ($id, $service, $name, $image, $imageId, $healthy, $spec, $serviceSpec, $specVersion)
                        """;
                    row.Parameters.AddWithValue("$id", id);
                    row.Parameters.AddWithValue("$service", service.Service);
                    row.Parameters.AddWithValue("$name", service.ContainerName);
                    row.Parameters.AddWithValue("$image", service.Image);
                    row.Parameters.AddWithValue("$imageId", service.ImageId);
                    row.Parameters.AddWithValue("$healthy", service.Healthy);
                    row.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(service.Spec, BacktrackJson.Options.TypeInfo<ContainerSpec>()));
                    row.Parameters.AddWithValue("$serviceSpec", service.ServiceSpec is { } whole ? JsonSerializer.Serialize(whole, BacktrackJson.Options.TypeInfo<SwarmServiceSpec>()) : DBNull.Value);
                    row.Parameters.AddWithValue("$specVersion", service.SpecVersion is { } version ? (long)version : DBNull.Value);
                    await row.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return id;
            },
            ct);

    /// <summary>
    /// Teaches the process the secrets of every recorded spec, so that a command printing the journal or the
    /// history hides them without inspecting anything. SQLite reads the env entries out of the stored JSON, each
    /// distinct entry once: every command opening the database runs this, however long the history.
    /// </summary>
    public Task LearnSecretsAsync(CancellationToken ct) =>
        database.RunAsync(
            async connection =>
            {
                var env = await connection.QueryAsync(
                    "SELECT DISTINCT entry.value FROM release_services, json_each(release_services.spec, '$.Env') AS entry",
                    r => r.GetString(0),
                    ct).ConfigureAwait(false);
                SecretRegistry.AddEnv(env);
                return env.Count;
            },
            ct);

    /// <summary>Releases newest first.</summary>
    public Task<IReadOnlyList<Release>> ListAsync(int limit, CancellationToken ct) => QueryAsync("ORDER BY id DESC LIMIT $limit", ("$limit", limit), ct);

    public async Task<Release?> GetAsync(long id, CancellationToken ct) =>
        (await QueryAsync("WHERE id = $id", ("$id", id), ct).ConfigureAwait(false)) is [var release] ? release : null;

    private Task<IReadOnlyList<Release>> QueryAsync(string clause, (string Name, object Value) parameter, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<Release>>(
            async connection =>
            {
                var releases = await connection.QueryAsync(
                    $"SELECT id, created, origin, note, git_commit, operation_id FROM releases {clause}",
                    r => new Release(r.GetInt64(0), r.Time(1), r.GetString(2), r.TextOrNull(3), r.TextOrNull(4), r.TextOrNull(5), []),
                    ct,
                    parameter).ConfigureAwait(false);
                var result = new List<Release>();
                foreach (var release in releases)
                {
                    var services = await connection.QueryAsync(
                        "SELECT service, container_name, image, image_id, healthy, spec, service_spec, spec_version FROM release_services WHERE release_id = $id ORDER BY service",
                        r => new ServiceRelease(
                            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), JsonSerializer.Deserialize(r.GetString(5), BacktrackJson.Options.TypeInfo<ContainerSpec>())!)
                        {
                            ServiceSpec = r.TextOrNull(6) is { } whole ? JsonSerializer.Deserialize(whole, BacktrackJson.Options.TypeInfo<SwarmServiceSpec>()) : null,
                            SpecVersion = r.IsDBNull(7) ? null : (ulong)r.GetInt64(7),
                        },
                        ct,
                        ("$id", release.Id)).ConfigureAwait(false);
                    result.Add(release with { Services = services });
                }

                return result;
            },
            ct);
}
