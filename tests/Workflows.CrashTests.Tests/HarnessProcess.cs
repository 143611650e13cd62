using System.Diagnostics;

namespace Workflows.CrashTests.Tests;

/// <summary>Runs the crash harness program as a separate process and returns its output.</summary>
internal static class HarnessProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var harness = Path.Combine(AppContext.BaseDirectory, "Workflows.CrashTests.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", harness }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The harness did not finish in 5 minutes:\n{await output}\n{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The value of <c>name=value</c> on the last line that starts with <paramref name="prefix"/>.</summary>
    public static string Figure(string output, string prefix, string name)
    {
        var line = output.Split('\n').Last(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line.Split(' ').Select(p => p.Split('=')).Single(p => p.Length == 2 && p[0] == name)[1].Trim();
    }

    /// <summary>Asserts that a crash harness run passed: zero lost, duplicated and unfinished, equal results, enough kills.</summary>
    public static void AssertClean(int exitCode, string output, int minKills)
    {
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(int.Parse(Figure(output, "crash ", "kills"), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(minKills), output);
        Assert.That(Figure(output, "crash ", "lost"), Is.EqualTo("0"), output);
        Assert.That(Figure(output, "crash ", "duplicated"), Is.EqualTo("0"), output);
        Assert.That(Figure(output, "crash ", "unfinished"), Is.EqualTo("0"), output);
        Assert.That(Figure(output, "crash ", "results"), Is.EqualTo("equal"), output);
    }
}
