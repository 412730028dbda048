using Backtrack.Compose;

namespace Backtrack.Tests.Compose;

public sealed class EnvFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bt-envfile-").FullName;

    private string EnvPath => Path.Combine(directory, ".env");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Given_no_env_file_when_a_key_is_removed_then_no_file_is_created()
    {
        await EnvFile.SetAsync(EnvPath, "WEB_TAG", null, CancellationToken.None);

        Assert.False(File.Exists(EnvPath));
    }

    [Fact]
    public async Task Given_an_env_file_when_a_key_is_set_and_removed_then_the_other_lines_stay()
    {
        await File.WriteAllTextAsync(EnvPath, "A=1\nB=2\n");

        await EnvFile.SetAsync(EnvPath, "WEB_TAG", "v3", CancellationToken.None);
        await EnvFile.SetAsync(EnvPath, "WEB_TAG", null, CancellationToken.None);

        Assert.Equal("A=1\nB=2\n", await File.ReadAllTextAsync(EnvPath));
        Assert.False(File.Exists(EnvPath + ".bt-tmp"));
    }
}
