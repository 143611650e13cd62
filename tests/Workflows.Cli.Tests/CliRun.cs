using Spectre.Console;

namespace Workflows.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var console = new StringWriter();
        var output = new StringWriter();
        var error = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(console),
        });
        ansi.Profile.Width = 240;
        var code = await CliApp.RunAsync(args, new CliOutput(ansi, output, error));
        return new CliRun(code, console + output.ToString(), error.ToString());
    }
}
