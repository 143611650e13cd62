using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spectre.Console;
using Workflows.Cli.Inspection;
using Workflows.Storage;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows history &lt;db&gt; &lt;id&gt; [--json] [--execution N]</c>: the raw journal.</summary>
internal static class HistoryCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create(CliOutput output)
    {
        var database = CommonArguments.Database();
        var instanceId = CommonArguments.InstanceId();
        var password = CommonArguments.Password();
        var json = new Option<bool>("--json") { Description = "Write the journal as JSON (an array of entries, results as JSON values) for tools." };
        var execution = new Option<int?>("--execution") { Description = "Only this execution; by default every execution still stored." };
        var command = new Command("history", "Print an instance's journal in the order its outcomes were recorded.") { database, instanceId, json, execution, password };
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            var file = parse.GetValue(database)!;
            await using var store = StoreAccess.Open(file, parse.GetValue(password));
            var instance = await StoreAccess.GetInstanceAsync(store, parse.GetValue(instanceId)!, file, cancellationToken);
            var executions = parse.GetValue(execution) is { } only ? [only] : Enumerable.Range(1, instance.Execution);
            var entries = new List<JournalEntry>();
            foreach (var number in executions) entries.AddRange(await store.LoadJournalAsync(instance.InstanceId, number, cancellationToken));
            var ordered = OperationTree.Ordered(entries).ToList();

            if (parse.GetValue(json)) await output.Out.WriteLineAsync(ToJson(ordered));
            else output.Console.Write(ToTable(ordered));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ToJson(IEnumerable<JournalEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            var node = JsonSerializer.SerializeToNode(entry, Json)!.AsObject();
            node["result"] = entry.Result is null ? null : ParseOrString(entry.Result);
            array.Add(node);
        }
        return array.ToJsonString(Json);
    }

    private static JsonNode? ParseOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text); // Not JSON (e.g. a cancellation reason): keep it as text.
        }
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
