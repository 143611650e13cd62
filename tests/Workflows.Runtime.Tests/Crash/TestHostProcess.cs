using System.Diagnostics;

namespace Workflows.Runtime.Tests.Crash;

/// <summary>Runs the test host as a separate process, which may die abruptly at a chosen point.</summary>
public static class TestHostProcess
{
    private static string HostAssembly
    {
        get
        {
            var testDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var hostDirectory = testDirectory.Replace(
                $"{Path.DirectorySeparatorChar}Workflows.Runtime.Tests{Path.DirectorySeparatorChar}",
                $"{Path.DirectorySeparatorChar}Workflows.Runtime.TestHost{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            var path = Path.Combine(hostDirectory, "Workflows.Runtime.TestHost.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The test host was not built at {path}.");
        }
    }

    public sealed record Outcome(int ExitCode, string Output, string Errors)
    {
        public string? Result => Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
    }

    public static async Task<Outcome> RunAsync(string scenario, string database, string ledger, string? crashPoint = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", HostAssembly, scenario, database, ledger }) start.ArgumentList.Add(argument);
        if (crashPoint is not null) start.ArgumentList.Add(crashPoint);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The test host ({scenario}) did not finish: {await output}");
        }
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
