using Backtrack.Engine;
using Backtrack.Hosts;

namespace Backtrack.Tests.Hosts;

public sealed class HostImageCheckTests
{
    [Fact]
    public async Task Given_images_on_several_hosts_when_checked_then_the_engines_are_asked_at_once_and_the_first_missing_is_named()
    {
        // Each answer waits until all three questions are in flight: asked one at a time, the check would time out.
        var a = new GatedImages(3, missing: "shop/web:v3");
        var b = new GatedImages(3, missing: "shop/web:v3", shared: a);
        IReadOnlyList<HostImageCheck> checks =
        [
            new("a", a, "shop/web:v2"),
            new("b", b, "shop/web:v3"),
            new("b", b, "shop/api:v2"),
        ];

        var refused = await Assert.ThrowsAsync<BacktrackException>(() => HostImageCheck.RequireAllAsync(checks, CancellationToken.None));

        Assert.StartsWith("host b has no image shop/web:v3; load it there", refused.Message);
        Assert.Equal(3, a.MostAtOnce);
    }

    [Fact]
    public async Task Given_every_image_on_its_host_when_checked_then_nothing_is_refused()
    {
        var images = new GatedImages(2, missing: null);

        await HostImageCheck.RequireAllAsync([new("a", images, "shop/web:v2"), new("b", images, "shop/web:v2")], CancellationToken.None);

        Assert.Equal(2, images.MostAtOnce);
    }

    /// <summary>An engine's images whose answers wait until <c>expected</c> questions are in flight (counted with <c>shared</c>'s).</summary>
    private sealed class GatedImages(int expected, string? missing, GatedImages? shared = null) : IImageQueries
    {
        private readonly TaskCompletionSource allAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int inFlight;

        public int MostAtOnce { get; private set; }

        public async Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken ct)
        {
            var counter = shared ?? this;
            lock (counter)
            {
                counter.MostAtOnce = Math.Max(counter.MostAtOnce, ++counter.inFlight);
                if (counter.inFlight == expected)
                {
                    counter.allAsked.TrySetResult();
                }
            }

            await counter.allAsked.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return reference == missing ? null : new ImageDetails("sha256:" + reference, [reference], DateTimeOffset.UnixEpoch, []);
        }

        public Task<IReadOnlyList<ImageDetails>> ListImagesAsync(string repository, CancellationToken ct) => throw new NotSupportedException();
    }
}
