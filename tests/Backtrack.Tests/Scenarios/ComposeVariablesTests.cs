using Backtrack.Compose;

namespace Backtrack.Tests.Scenarios;

public sealed class ComposeVariablesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-unit-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Services_using_a_changed_key_are_the_ones_that_interpolate_it_or_read_the_env_file()
    {
        var file = Path.Combine(directory, "compose.yaml");
        await File.WriteAllTextAsync(file, """
            services:
              web:
                image: shop/web:${WEB_TAG:-v1}
              model:
                image: shop/model:v1
                environment:
                  MODE: $MODEL_MODE
              reader:
                image: shop/reader:v1
                env_file: [.env]
              other:
                image: shop/other:v1
            """);
        var files = new ComposeProjectFiles(directory, [file]);

        Assert.Equal(["model", "reader"], await ComposeVariables.ServicesUsingAsync(files, ["MODEL_MODE"], CancellationToken.None));
        Assert.Equal(["reader", "web"], await ComposeVariables.ServicesUsingAsync(files, ["WEB_TAG"], CancellationToken.None));
        Assert.Equal(["model", "other", "reader", "web"], await ComposeVariables.ServicesUsingAsync(files, ["COMPOSE_FILE"], CancellationToken.None));
    }
}
