using Backtrack.Configuration;

namespace Backtrack.Snapshots.Postgres;

/// <summary>The Postgres password, from the environment variable or the file the configuration names; never from or onto a command line.</summary>
public static class PostgresCredentials
{
    /// <summary>The environment a Postgres client inside the container runs with (PGPASSWORD only when a password is configured).</summary>
    public static IReadOnlyDictionary<string, string> ClientEnvironment(PostgresConfig config)
    {
        var environment = new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10", ["PGAPPNAME"] = "backtrack" };
        if (Password(config) is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        return environment;
    }

    private static string? Password(PostgresConfig config)
    {
        if (config.PasswordEnv is { } variable)
        {
            return System.Environment.GetEnvironmentVariable(variable)
                ?? throw new BacktrackException($"postgres.passwordEnv names {variable}, which is not set");
        }

        if (config.PasswordFile is { } file)
        {
            try
            {
                return File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (IOException e)
            {
                throw new BacktrackException($"postgres.passwordFile {file} cannot be read: {e.Message}");
            }
            catch (UnauthorizedAccessException)
            {
                throw new BacktrackException($"postgres.passwordFile {file} cannot be read: permission denied");
            }
        }

        return null;
    }
}
