using System.Reflection;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.IntegrationTests.Infrastructure;
using Backtrack.Snapshots.Postgres;

namespace Backtrack.IntegrationTests;

/// <summary>pg_restore from a copy of the dump in the container (parallel jobs), and streamed when the container takes no file.</summary>
public sealed class PostgresRestoreTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_dump_restores_with_parallel_jobs_and_leaves_no_file_in_the_container()
    {
        using var real = new DockerEngine(null);
        var puts = ArchivePuts.Watch(real, refuse: false);

        await RestoreAndCompareAsync(puts.Engine, "restored_parallel");

        Assert.Equal(1, puts.Count);
        var left = await DatabaseStack.DockerExecAsync(await stack.ContainerIdAsync("db"), "sh", "-c", "ls /tmp | grep -c backtrack-restore || true");
        Assert.Equal("0", left.Stdout.Trim());
    }

    [Fact]
    public async Task A_container_that_takes_no_file_gets_the_dump_streamed()
    {
        using var real = new DockerEngine(null);
        var puts = ArchivePuts.Watch(real, refuse: true);

        await RestoreAndCompareAsync(puts.Engine, "restored_streamed");

        Assert.Equal(1, puts.Count);
    }

    private async Task RestoreAndCompareAsync(IContainerEngine engine, string target)
    {
        await stack.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 5000) i");
        await stack.ExecuteAsync($"CREATE DATABASE {target} TEMPLATE template0", "postgres");
        var passwordFile = Path.Combine(stack.Directory, "pg-password");
        await File.WriteAllTextAsync(passwordFile, stack.Password);
        var client = new PostgresClient(engine, await stack.ContainerIdAsync("db"), new PostgresConfig("db", "postgres", ["shop"], null, passwordFile));
        var dumpPath = Path.Combine(stack.Directory, "shop.dump");
        await using (var output = File.Create(dumpPath))
        {
            await client.DumpAsync("shop", null, output, CancellationToken.None);
        }

        await using (var dump = File.OpenRead(dumpPath))
        {
            await client.RestoreAsync(target, dump, CancellationToken.None);
        }

        Assert.Equal(5000L, await stack.ScalarAsync<long>("SELECT count(*) FROM items", target));
        Assert.Equal("item 4321", await stack.ScalarAsync<string>("SELECT name FROM items WHERE id = 4321", target));
    }

    /// <summary>The real engine, counting the files put into containers and, when told to, refusing them (as a read-only file system would).</summary>
    public class ArchivePuts : DispatchProxy
    {
        private IContainerEngine inner = null!;
        private bool refuse;

        public IContainerEngine Engine => (IContainerEngine)(object)this;

        public int Count { get; private set; }

        public static ArchivePuts Watch(IContainerEngine engine, bool refuse)
        {
            var proxy = (ArchivePuts)(object)Create<IContainerEngine, ArchivePuts>();
            (proxy.inner, proxy.refuse) = (engine, refuse);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name != nameof(IContainerEngine.PutArchiveAsync))
            {
                return targetMethod.Invoke(inner, args);
            }

            Count++;
            return refuse ? Task.FromException(new EngineOperationException("read-only file system")) : targetMethod.Invoke(inner, args);
        }
    }
}
