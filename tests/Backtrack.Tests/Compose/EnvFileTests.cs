using Backtrack.Compose;
using Backtrack.Planning;

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

    [Fact]
    public async Task Given_a_pin_that_created_the_env_file_when_undone_newest_first_then_the_file_is_gone_not_left_empty()
    {
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object>());
        var api = new PinVariableStep("api", EnvPath, "API_TAG", "v3", null, "backtrack-demo/api:v3", CreatesFile: !File.Exists(EnvPath));
        var web = new PinVariableStep("web", EnvPath, "WEB_TAG", "v3", null, "backtrack-demo/web:v3", CreatesFile: !File.Exists(EnvPath));
        await api.ApplyAsync(context, CancellationToken.None);
        await web.ApplyAsync(context, CancellationToken.None);

        await web.CompensateAsync(context, CancellationToken.None);
        await api.CompensateAsync(context, CancellationToken.None);

        Assert.False(File.Exists(EnvPath));
    }
}
