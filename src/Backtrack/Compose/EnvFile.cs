namespace Backtrack.Compose;

/// <summary>Sets or removes one KEY=VALUE line of a .env file, keeping every other line as it was. Values are never printed.</summary>
public static class EnvFile
{
    public static async Task<string?> GetAsync(string path, string key, CancellationToken ct) =>
        (await ComposeProjectFiles.ReadEnvFileAsync(path, ct).ConfigureAwait(false)).GetValueOrDefault(key);

    /// <summary>Writes KEY=VALUE (or removes the line for a null value); a new file is 0600, it may hold secrets.</summary>
    public static async Task SetAsync(string path, string key, string? value, CancellationToken ct)
    {
        if (value is null && !File.Exists(path))
        {
            // Nothing to remove, and no file to create: the undo of a pin into a project that had no .env.
            return;
        }

        var lines = File.Exists(path) ? (await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false)).ToList() : [];
        var index = lines.FindIndex(l => l.TrimStart().StartsWith(key + "=", StringComparison.Ordinal));
        if (value is null)
        {
            if (index >= 0)
            {
                lines.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            lines[index] = $"{key}={value}";
        }
        else
        {
            lines.Add($"{key}={value}");
        }

        await ProjectFileWriter.WriteAsync(path, string.Concat(lines.Select(l => l + "\n")), ct).ConfigureAwait(false);
    }
}
