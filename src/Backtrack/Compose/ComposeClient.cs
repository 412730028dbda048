namespace Backtrack.Compose;

/// <summary>The machine's Compose client (v2 as a docker plugin, else v1's docker-compose), run on a project's own files.</summary>
public static class ComposeClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static (string File, string[] Args)? command;

    /// <summary>docker compose -p PROJECT --project-directory DIR -f FILE... up -d --no-deps SERVICE...: Compose recreates what changed.</summary>
    public static async Task UpAsync(ComposeProjectFiles files, string project, IReadOnlyList<string> services, CancellationToken ct)
    {
        var (file, prefix) = command ??= await DetectAsync(files.WorkingDirectory, ct).ConfigureAwait(false);
        List<string> args = [.. prefix, "-p", project, "--project-directory", files.WorkingDirectory];
        foreach (var config in files.ConfigFiles)
        {
            args.AddRange(["-f", config]);
        }

        args.AddRange(["up", "-d", "--no-deps", .. services]);
        var result = await ExternalProcess.RunAsync(file, args, files.WorkingDirectory, Timeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"compose up of {string.Join(", ", services)} failed: {result.LastLine()}");
        }
    }

    private static async Task<(string, string[])> DetectAsync(string directory, CancellationToken ct)
    {
        var v2 = await ExternalProcess.RunAsync("docker", ["compose", "version"], directory, TimeSpan.FromSeconds(20), ct).ConfigureAwait(false);
        return v2.Succeeded ? ("docker", ["compose"]) : ("docker-compose", []);
    }
}
