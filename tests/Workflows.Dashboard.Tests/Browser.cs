using Microsoft.Playwright;
using Workflows.PostgreSql.Tests;

namespace Workflows.Dashboard.Tests;

/// <summary>
/// A headless Chromium from the machine (Debian's 'chromium', installed by scripts/install-browser.sh; Playwright's
/// own download cannot work offline), driven by Playwright. Without one the browser tests are skipped with the reason.
/// </summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("WORKFLOWS_BROWSER") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);
        if (executable is null || !File.Exists(executable))
            MissingPrerequisite.Skip("No Chromium to drive: run 'sudo bash scripts/install-browser.sh' (Debian's chromium package) or set WORKFLOWS_BROWSER.");
        var playwright = await Playwright.CreateAsync();
        // The sandbox needs user namespaces that containers and root do not give; the pages are our own.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        return (playwright, browser);
    }
}
