using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>deploy --snapshot full: the snapshot is taken before the deploy and the release recorded before it names it, so a later 'rollback full' can reach "the state before deploy N".</summary>
public sealed class DeploySnapshotTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_deploy_with_a_full_snapshot_ties_the_snapshot_to_the_release_before_it()
    {
        var result = await stack.DeployAsync(GuardStack.Variables("v3", "v3"), null, "--snapshot", "full");

        Assert.True(result.ExitCode == 0, result.ToString());
        var snapshots = TestStack.ParseJson(await stack.BacktrackAsync("snapshot", "list", "-o", "json"));
        var snapshot = Assert.Single(snapshots.EnumerateArray());
        var id = snapshot.GetProperty("id").GetString()!;
        var releases = TestStack.ParseJson(await stack.BacktrackAsync("releases", "-o", "json")).ToString();
        Assert.Contains(id, releases);
        var verified = await stack.BacktrackAsync("snapshot", "verify", id);
        Assert.True(verified.ExitCode == 0, verified.ToString());
    }
}
