using Microsoft.Playwright;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright's bundled driver, headless, with a fresh profile; Playwright's own
/// browser download is never used. Screenshots go to TestResults/serve/ in the repository (the test artifacts).
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private const string Executable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright playwright;
    private readonly string profile;

    private ChromiumSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        this.playwright = playwright;
        this.profile = profile;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static string ArtifactDirectory { get; } = Path.Combine(ComposeFixture.RepoRoot, "TestResults", "serve");

    public static async Task<ChromiumSession> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing; run scripts/setup.sh (it installs Debian's chromium)");
        System.Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("backtrack-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Arguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Timeout = 60_000,
        });
        return new ChromiumSession(playwright, context, profile);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory, name), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        playwright.Dispose();
        Directory.Delete(profile, recursive: true);
    }
}
