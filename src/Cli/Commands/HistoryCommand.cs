using System.CommandLine;
using System.Globalization;
using Workflows.Cli.Output;
using Workflows.Cli.Sources;
using Workflows.Storage;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows history &lt;source&gt; &lt;id&gt; [--json] [--execution N]</c>: the raw journal.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var json = CommonArguments.Json("Write the history as JSON (the instance and its journal entries, results as JSON values): what WorkflowReplayer.ReplayHistoryAsync replays.");
        var execution = new Option<int?>("--execution") { Description = "Only this execution; by default every execution still stored." };
        var command = source.AddTo(new Command("history", "Print an instance's journal in the order its outcomes were recorded.") { json, execution });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var instance = await instances.GetInstanceAsync(source.InstanceId(parse), cancellationToken);
            var number = parse.GetValue(execution);
            var history = await InstanceSource.OfExecutionAsync(instance, number, () => instances.Inspector.ExportHistoryAsync(instance.InstanceId, number, cancellationToken));

            if (parse.GetValue(json)) await output.Out.WriteLineAsync(history.ToJson());
            else ToTable(history.Entries).Write(output);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static CliTable ToTable(IEnumerable<JournalEntry> entries)
    {
        var table = new CliTable("Exec", "#", "Operation", "Kind", "Name", "Status", "Attempts", "Recorded (UTC)", "Result or error");
        foreach (var e in entries)
        {
            table.Add(
                e.Execution.ToString(CultureInfo.InvariantCulture),
                e.CompletionIndex == 0 ? "" : e.CompletionIndex.ToString(CultureInfo.InvariantCulture),
                e.OperationId,
                e.Kind.ToString(),
                e.Detail ?? e.Name,
                e.Status.ToString(),
                e.Attempts.ToString(CultureInfo.InvariantCulture),
                Format.Time(e.RecordedAt),
                Outcome(e));
        }
        return table;
    }

    /// <summary>The result or error; a completed step that was retried also shows its last failed attempt's error.</summary>
    private static CliCell Outcome(JournalEntry e) => (e.Status, e.Error) switch
    {
        (JournalEntryStatus.Failed, { } error) => new CliCell($"{error.Type}: {Format.Line(error.Message, 60)}", "red"),
        (JournalEntryStatus.Retrying, { } error) => new CliCell($"attempt {e.Attempts} failed: {error.Type}: {Format.Line(error.Message, 60)}", "red"),
        (_, { } error) => new CliCell($"{Format.Line(e.Result, 40)}; attempt {e.Attempts - 1} failed: {error.Type}: {Format.Line(error.Message, 60)}"),
        _ => Format.Line(e.Result, 60),
    };
}
