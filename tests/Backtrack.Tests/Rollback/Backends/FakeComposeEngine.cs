using System.Security.Cryptography;
using System.Text;
using Backtrack.Compose;
using Backtrack.Engine;

namespace Backtrack.Tests.Rollback.Backends;

/// <summary>The read-only engine of a Compose project running one container per service; image and container IDs derive from the names.</summary>
public sealed class FakeComposeEngine(string project, IReadOnlyDictionary<string, string> running) : IContainerQueries, IImageQueries
{
    public static string ImageId(string image) => "sha256:" + Hash(image);

    public static string ContainerId(string service, string image) => Hash($"{service}/{image}");

    public static ContainerSpec Spec(string project, string service, string image) => new()
    {
        Image = image,
        HostConfigJson = "{}",
        Labels = new Dictionary<string, string> { [ComposeLabels.Project] = project, [ComposeLabels.Service] = service },
    };

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ContainerSummary>>(running
            .Select(p => new ContainerSummary(ContainerId(p.Key, p.Value), $"{project}-{p.Key}-1", p.Value, ImageId(p.Value), "running", DateTimeOffset.UnixEpoch, Spec(project, p.Key, p.Value).Labels))
            .ToList());

    public Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken ct) =>
        Task.FromResult(running
            .Where(p => ContainerId(p.Key, p.Value) == idOrName)
            .Select(p => new ContainerDetails(
                idOrName, $"{project}-{p.Key}-1", ImageId(p.Value), new ContainerState("running", true, null, 0, 0, null), Spec(project, p.Key, p.Value), [], [], [], RestartPolicy.No))
            .FirstOrDefault());

    public Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken ct) =>
        Task.FromResult<ImageDetails?>(new ImageDetails(ImageId(reference), [reference], DateTimeOffset.UnixEpoch, []));

    public Task<IReadOnlyList<ImageDetails>> ListImagesAsync(string repository, CancellationToken ct) => Task.FromResult<IReadOnlyList<ImageDetails>>([]);

    public Task<MemoryUsage> GetMemoryUsageAsync(string idOrName, CancellationToken ct) => throw new NotSupportedException();

    public IAsyncEnumerable<LogLine> ReadLogsAsync(string idOrName, LogQuery query, CancellationToken ct) => throw new NotSupportedException();

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
