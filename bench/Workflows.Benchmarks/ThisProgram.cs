using System.Diagnostics;

namespace Workflows.Benchmarks;

/// <summary>Runs a mode of this program in a fresh process, so nothing measured earlier weighs on what it measures.</summary>
public static class ThisProgram
{
    /// <summary>Runs this program with <paramref name="arguments"/> and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">The process failed.</exception>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", typeof(ThisProgram).Assembly.Location, .. arguments]) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed with exit code {child.ExitCode}: {output}");
        return output;
    }
}
