using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Inspection;
using Workflows.Storage;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows history &lt;db&gt; &lt;id&gt; [--json] [--execution N]</c>: the raw journal.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliOutput output)
    {
        var database = CommonArguments.Database();
        var instanceId = CommonArguments.InstanceId();
        var password = CommonArguments.Password();
        var json = new Option<bool>("--json") { Description = "Write the history as JSON (the instance and its journal entries, results as JSON values): what WorkflowReplayer.ReplayHistoryAsync replays." };
        var execution = new Option<int?>("--execution") { Description = "Only this execution; by default every execution still stored." };
        var command = new Command("history", "Print an instance's journal in the order its outcomes were recorded.") { database, instanceId, json, execution, password };
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            var file = parse.GetValue(database)!;
            await using var store = StoreAccess.Open(file, parse.GetValue(password));
            var instance = await StoreAccess.GetInstanceAsync(store, parse.GetValue(instanceId)!, file, cancellationToken);
            WorkflowHistory history;
            try
            {
                history = await WorkflowHistory.LoadAsync(store, instance.InstanceId, parse.GetValue(execution), cancellationToken);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliException(ExitCodes.Usage, $"--execution {parse.GetValue(execution)}: instance '{instance.InstanceId}' has executions 1 to {instance.Execution}.", ex);
            }

            if (parse.GetValue(json)) await output.Out.WriteLineAsync(history.ToJson());
            else output.Console.Write(ToTable(history.Entries));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Table ToTable(IEnumerable<JournalEntry> entries)
    {
        var table = new Table().AddColumns("Exec", "#", "Operation", "Kind", "Name", "Status", "Attempts", "Recorded (UTC)", "Result or error");
        foreach (var e in entries)
        {
            table.AddRow(
                e.Execution.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.CompletionIndex == 0 ? "" : e.CompletionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(e.OperationId),
                e.Kind.ToString(),
                Markup.Escape(e.Name),
                e.Status.ToString(),
                e.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Time(e.RecordedAt),
                e.Error is { } error ? $"[red]{Markup.Escape(error.Type)}: {Format.Payload(error.Message, 60)}[/]" : Format.Payload(e.Result, 60));
        }
        return table;
    }
}
