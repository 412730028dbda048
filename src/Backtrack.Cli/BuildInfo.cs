using System.Reflection;

namespace Backtrack.Cli;

/// <summary>What 'backtrack --version' prints: the version and the commit the build stamped into InformationalVersion.</summary>
public static class BuildInfo
{
    /// <summary>"backtrack 0.4.0 (commit abc1234)"; "(commit unknown)" for a build made without git.</summary>
    public static string Describe() => Describe(typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>The text for an InformationalVersion such as "0.4.0+abc1234".</summary>
    public static string Describe(string? informationalVersion)
    {
        var parts = (informationalVersion ?? string.Empty).Split('+', 2);
        var version = parts[0].Length > 0 ? parts[0] : "?";
        var commit = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : "unknown";
        return $"backtrack {version} (commit {commit})";
    }
}
