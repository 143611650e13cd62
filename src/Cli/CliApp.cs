using System.CommandLine;
using Workflows.Cli.Commands;

namespace Workflows.Cli;

/// <summary>The <c>workflows</c> command line.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliOutput output) => new("Inspect Workflows checkpoint stores: a LiteDB file, a PostgreSQL database (--postgres) or a running app (--url).")
    {
        ListCommand.Create(output),
        ShowCommand.Create(output),
        HistoryCommand.Create(output),
        ReplayCommand.Create(output),
        PurgeCommand.Create(output),
        DashboardCommand.Create(output),
        ShipCommand.Create(output),
        SchedulesCommand.Create(output),
        RerunCommands.Reset(output),
        RerunCommands.Fork(output),
        RerunCommands.Retry(output),
    };

    public static Task<int> RunAsync(string[] args, CliOutput output, CancellationToken cancellationToken = default) =>
        Build(output).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error }, cancellationToken);

    /// <summary>Runs a command body, reporting expected failures as one line and their exit code.</summary>
    public static async Task<int> GuardAsync(CliOutput output, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException ex)
        {
            await output.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (HttpRequestException ex)
        {
            await output.Error.WriteLineAsync($"error: the workflows API cannot be reached: {ex.Message} Check the --url and that the app runs.");
            return ExitCodes.StoreUnavailable;
        }
        catch (WorkflowException ex) when (ex is not WorkflowInstanceNotFoundException)
        {
            // A store that fails a read, or an API that refuses one (its read policy), named in the message.
            await output.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.StoreUnavailable;
        }
    }
}
