using Backtrack.Configuration;
using Backtrack.Secrets;
using Backtrack.Swarm;

namespace Backtrack.Tests.Swarm;

public sealed class StackDeployCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stack-deploy-").FullName;

    [Fact]
    public async Task Given_an_env_file_with_a_secret_when_read_for_docker_stack_deploy_then_its_value_is_redacted_in_what_is_printed()
    {
        var envFile = Path.Combine(directory, ".env");
        await File.WriteAllTextAsync(envFile, "WEB_TAG=v2\nDB_PASSWORD=stack-deploy-s3cret\n");
        var env = new EnvironmentConfig("prod", null, "shop", directory, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0, new Dictionary<string, ServiceConfig>())
        {
            Backend = Backend.Swarm,
            StackFile = new StackFileConfig(Path.Combine(directory, "stack.yml"), envFile),
        };

        var variables = await StackDeployCommand.EnvironmentAsync(env, CancellationToken.None);

        Assert.Equal("stack-deploy-s3cret", variables["DB_PASSWORD"]);
        Assert.DoesNotContain("stack-deploy-s3cret", SecretRegistry.Redact("Creating service shop_db (DB_PASSWORD=stack-deploy-s3cret)"), StringComparison.Ordinal);
        Assert.Contains("v2", SecretRegistry.Redact("image demo/web:v2"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
