using Spectre.Console;
using Workflows.Cli;

return await CliApp.RunAsync(args, new CliOutput(AnsiConsole.Console, Console.Out, Console.Error));
