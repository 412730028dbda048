namespace Backtrack.Configuration;

/// <summary>The environment's <c>secrets:</c>: variable names whose values are secret, and files whose contents are.</summary>
public sealed record SecretsConfig(IReadOnlyList<string> Variables, IReadOnlyList<string> Files)
{
    public static readonly SecretsConfig None = new([], []);
}
