namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>What a <see cref="GitStack"/>'s deploy repository holds, as comparable text: HEAD, the remote's branch, the work tree's status and files.</summary>
public static class GitStackState
{
    public static async Task<string> DescribeAsync(GitStack stack, params string[] files)
    {
        var text = $"HEAD {await stack.GitAsync("rev-parse", "HEAD")}\nremote {await stack.RemoteHeadAsync()}\nstatus [{await stack.GitAsync("status", "--porcelain", "--untracked-files=all")}]\n";
        foreach (var file in files)
        {
            var path = Path.Combine(stack.DeployPath, file);
            text += $"{file}: {(File.Exists(path) ? "[" + await File.ReadAllTextAsync(path) + "]" : "<absent>")}\n";
        }

        return text;
    }
}
