namespace Backtrack.Configuration;

public sealed record BacktrackConfig(string FilePath, IReadOnlyList<EnvironmentConfig> Environments)
{
    public const string DefaultFileName = "backtrack.yml";

    /// <summary>The named environment, or the first one when no name is given.</summary>
    public EnvironmentConfig Select(string? name)
    {
        if (name is null)
        {
            return Environments[0];
        }

        return Environments.FirstOrDefault(e => e.Name == name)
            ?? throw new BacktrackException(
                $"unknown environment '{name}' in {FilePath}; known: {string.Join(", ", Environments.Select(e => e.Name))}");
    }
}
