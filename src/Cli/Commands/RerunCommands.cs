using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Sources;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>workflows reset|fork|retry</c>: runs an ended or suspended instance again from a point of its journal, written to
/// the store; the app's engine runs it when it next opens the store (or a worker of a shared store claims it).
/// </summary>
internal static class RerunCommands
{
    public static Command Reset(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var to = new Option<string>("--to") { Description = "The operation ID to run again from (see 'workflows history').", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, kept with the new execution." };
        var command = source.AddTo(new Command("reset", "Run an ended or suspended instance again from one of its operations, as a new execution.") { to, reason });
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse, source, "Resetting", (reruns, id) =>
            reruns.ResetAsync(id, parse.GetValue(to)!, parse.GetValue(reason), cancellationToken), cancellationToken));
        return command;
    }

    public static Command Fork(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var from = new Option<string>("--from") { Description = "The operation ID the copy runs again from (see 'workflows history').", Required = true };
        var into = new Option<string>("--as") { Description = "The ID of the new instance.", Required = true };
        var command = source.AddTo(new Command("fork", "Start a new instance as a copy of an ended or suspended one up to one of its operations.") { from, into });
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse, source, "Forking", (reruns, id) =>
            reruns.ForkAsync(id, parse.GetValue(from)!, parse.GetValue(into)!, cancellationToken), cancellationToken));
        return command;
    }

    public static Command Retry(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var command = source.AddTo(new Command("retry", "Run a failed instance again from the operation whose failure ended it."));
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse, source, "Retrying", (reruns, id) => reruns.RetryAsync(id, cancellationToken), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(CliOutput output, ParseResult parse, SourceOptions source, string what,
        Func<InstanceReruns, string, Task<Storage.InstanceRecord>> rerun, CancellationToken cancellationToken) =>
        CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var store = instances.RequireStore(what);
            var instance = await instances.GetInstanceAsync(source.InstanceId(parse), cancellationToken);
            Storage.InstanceRecord record;
            try
            {
                record = await rerun(new InstanceReruns(store), instance.InstanceId);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or WorkflowInstanceExistsException)
            {
                throw new CliException(ExitCodes.Usage, ex.Message, ex);
            }
            output.Console.MarkupLine($"{Markup.Escape(record.InstanceId)} execution {record.Execution} is written and runs when the app's engine next opens the store (or a worker claims it).");
            return ExitCodes.Success;
        });
}
