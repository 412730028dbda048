using System.Text.RegularExpressions;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The single file of scripts/package.sh (dist/backtrack-linux-x64; test.sh makes it when it is missing or
/// older than the sources) runs on a host without .NET: in its own mount namespace with the .NET install
/// hidden under an empty tmpfs, an environment holding only PATH and HOME (no DOTNET_ROOT), against a real
/// Compose project, its state in the test's temp directory.
/// </summary>
public sealed class SingleFileTests : IAsyncLifetime
{
    private static readonly string SingleFile = Path.Combine(ComposeFixture.RepoRoot, "dist", "backtrack-linux-x64");

    // The running runtime's shared folder is <root>/shared/Microsoft.NETCore.App/<version>.
    private static readonly string DotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task The_single_file_runs_version_status_and_record_without_dotnet()
    {
        Assert.True(File.Exists(SingleFile), $"{SingleFile} is missing: run scripts/package.sh linux-x64 (test.sh does)");
        var dotnet = await WithoutDotnetAsync("dotnet", "--info");
        Assert.True(dotnet.ExitCode != 0, $"dotnet still runs: {dotnet}");

        var version = await WithoutDotnetAsync(SingleFile, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Matches(new Regex(@"^backtrack \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)$"), version.Stdout.Trim());

        var status = await WithoutDotnetAsync(SingleFile, "status", "-o", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var services = ComposeFixture.ParseJson(status).GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(["api", "web", "worker"], services.Select(s => s.GetProperty("service").GetString()).Order());
        Assert.All(services, s => Assert.True(s.GetProperty("healthy").GetBoolean()));

        // The state database: SQLite's native library, bundled in the file, loads.
        var record = await WithoutDotnetAsync(SingleFile, "record", "--note", "from-the-single-file");
        Assert.True(record.ExitCode == 0, record.ToString());
        var releases = await WithoutDotnetAsync(SingleFile, "releases");
        Assert.True(releases.ExitCode == 0, releases.ToString());
        Assert.Contains("from-the-single-file", releases.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(stack.Directory, "state", "backtrack.db")));
    }

    /// <summary>FILE ARGS run in the stack's directory with .NET's install hidden and only PATH and HOME set.</summary>
    private async Task<ProcessResult> WithoutDotnetAsync(string file, params string[] args)
    {
        var home = Directory.CreateDirectory(Path.Combine(stack.Directory, "home")).FullName;
        const string Script = """
            root=$1 home=$2; shift 2
            mount -t tmpfs -o size=1m,mode=0755 tmpfs "$root" && exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" "$@"
            """;
        return await ProcessRunner.RunAsync("unshare", ["--mount", "--propagation", "private", "sh", "-c", Script, "sh", DotnetRoot, home, file, .. args], stack.Directory);
    }
}
