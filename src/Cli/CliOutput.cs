using Spectre.Console;

namespace Workflows.Cli;

/// <summary>
/// Where a command writes: tables and trees to <see cref="Console"/>, machine-readable text (JSON) unwrapped to
/// <see cref="Out"/>, and errors to <see cref="Error"/>. <see cref="Plain"/> output (redirected to a file or a pipe)
/// gets tables as plain, unwrapped columns instead of boxes fitted to a width.
/// </summary>
internal sealed record CliOutput(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool Plain = false)
{
    /// <summary>The process's output: plain when redirected; a terminal's width, or <c>COLUMNS</c> when set.</summary>
    public static CliOutput ForProcess()
    {
        var console = AnsiConsole.Console;
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0) console.Profile.Width = columns;
        return new CliOutput(console, System.Console.Out, System.Console.Error, Plain: System.Console.IsOutputRedirected);
    }
}
