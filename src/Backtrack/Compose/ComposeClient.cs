namespace Backtrack.Compose;

/// <summary>The machine's Compose client (v2 as a docker plugin, else v1's docker-compose), run on a project's own files.</summary>
public static class ComposeClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static (string File, string[] Args)? command;

    /// <summary>docker compose -p PROJECT --project-directory DIR -f FILE... up -d --no-deps SERVICE...: Compose recreates what changed.</summary>
    public static async Task UpAsync(ComposeProjectFiles files, string project, IReadOnlyList<string> services, CancellationToken ct)
    {
        var result = await RunAsync(files, project, ["up", "-d", "--no-deps", .. services], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"compose up of {string.Join(", ", services)} failed: {result.LastLine()}");
        }
    }

    /// <summary>
    /// The project's resolved configuration (docker compose config), or null when the Compose client is
    /// missing or fails. It holds env values: callers store it 0600 and never print it.
    /// </summary>
    public static async Task<string?> TryConfigAsync(ComposeProjectFiles files, string project, CancellationToken ct)
    {
        try
        {
            var result = await RunAsync(files, project, ["config"], ct).ConfigureAwait(false);
            return result.Succeeded ? result.Stdout : null;
        }
        catch (BacktrackException)
        {
            return null;
        }
    }

    private static async Task<ProcessOutput> RunAsync(ComposeProjectFiles files, string project, IReadOnlyList<string> command, CancellationToken ct)
    {
        var (file, prefix) = ComposeClient.command ??= await DetectAsync(files.WorkingDirectory, ct).ConfigureAwait(false);
        List<string> args = [.. prefix, "-p", project, "--project-directory", files.WorkingDirectory];
        foreach (var config in files.ConfigFiles)
        {
            args.AddRange(["-f", config]);
        }

        args.AddRange(command);
        return await ExternalProcess.RunAsync(file, args, files.WorkingDirectory, Timeout, ct).ConfigureAwait(false);
    }

    private static async Task<(string, string[])> DetectAsync(string directory, CancellationToken ct)
    {
        var v2 = await ExternalProcess.RunAsync("docker", ["compose", "version"], directory, TimeSpan.FromSeconds(20), ct).ConfigureAwait(false);
        return v2.Succeeded ? ("docker", ["compose"]) : ("docker-compose", []);
    }
}
