using Backtrack.Engine;

namespace Backtrack.Swarm;

/// <summary>The secrets and configs a recorded spec references, checked before a rollback plans to bring it back.</summary>
public static class SwarmObjects
{
    /// <summary>
    /// Refuses specs that reference a secret or config no longer on the swarm: they are immutable and referenced
    /// by ID, so a removed one cannot come back under the same ID. SOURCE names what recorded the specs; INSTEAD, what to do.
    /// </summary>
    public static async Task RefuseMissingAsync(
        IServiceQueries engine, string source, string instead, IEnumerable<(string Service, SwarmServiceSpec Spec)> specs, CancellationToken ct)
    {
        var secrets = (await engine.ListSecretsAsync(ct).ConfigureAwait(false)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var configs = (await engine.ListConfigsAsync(ct).ConfigureAwait(false)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var missing = specs.SelectMany(c =>
                c.Spec.Secrets.Where(s => !secrets.Contains(s.Id)).Select(s => $"{c.Service}: secret '{s.Name}'")
                    .Concat(c.Spec.Configs.Where(x => !configs.Contains(x.Id)).Select(x => $"{c.Service}: config '{x.Name}'")))
            .ToList();
        if (missing.Count > 0)
        {
            throw new BacktrackException(
                $"{source} references what no longer exists on the swarm ({string.Join(", ", missing)}); swarm secrets and configs "
                + $"cannot come back under their old IDs: {instead}; nothing was changed");
        }
    }
}
