using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Inspection;
using Workflows.Storage;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows show &lt;db&gt; &lt;id&gt;</c>: status, input, outcome and the operation tree of an instance.</summary>
internal static class ShowCommand
{
    public static Command Create(CliOutput output)
    {
        var database = CommonArguments.Database();
        var instanceId = CommonArguments.InstanceId();
        var password = CommonArguments.Password();
        var assembly = new Option<FileInfo?>("--assembly")
        {
            Description = "Also replay the instance against the workflows of this built assembly and show the replay time and compatibility.",
        };
        var command = new Command("show", "Show an instance: status, input, output or error, and its operation tree.") { database, instanceId, assembly, password };
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            var file = parse.GetValue(database)!;
            await using var store = StoreAccess.Open(file, parse.GetValue(password));
            var instance = await StoreAccess.GetInstanceAsync(store, parse.GetValue(instanceId)!, file, cancellationToken);
            var journal = await store.LoadJournalAsync(instance.InstanceId, instance.Execution, cancellationToken);
            var children = (await store.ListInstancesAsync(null, cancellationToken))
                .Where(c => c.ParentInstanceId == instance.InstanceId && c.ParentExecution == instance.Execution);

            output.Console.Write(Summary(instance));
            var tree = new Tree($"[bold]Operations[/] [grey](execution {instance.Execution}, {journal.Count} journal entries; times from the instance's creation)[/]");
            foreach (var node in OperationTree.Build(journal, children)) Add(tree.AddNode(Label(node, instance)), node, instance);
            output.Console.Write(tree);
            if (parse.GetValue(assembly) is { } code)
            {
                var replay = await ReplayCheck.RunAsync(store, instance, code, cancellationToken);
                output.Console.MarkupLine(replay.IsCompatible
                    ? $"[bold]Replay[/] [green]compatible[/]: {Markup.Escape(ReplayCheck.Summary(replay))}; {Markup.Escape(ReplayCheck.Next(replay))}."
                    : $"[bold]Replay[/] [red]incompatible[/]: {Markup.Escape(ReplayCheck.Summary(replay))}: {Markup.Escape(replay.Incompatibility!)}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Grid Summary(InstanceRecord instance)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", value);
        Row("Instance", Markup.Escape(instance.InstanceId));
        Row("Workflow", Markup.Escape(instance.WorkflowName));
        Row("Status", Format.Status(instance.Status) + (instance.StatusReason is { } reason ? $" ({Markup.Escape(reason)})" : ""));
        if (instance.CustomStatus is { } custom) Row("Custom status", Markup.Escape(custom));
        Row("Execution", instance.Execution.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("Created", Format.Time(instance.CreatedAt) + " UTC");
        if (instance.CompletedAt is { } ended) Row("Ended", $"{Format.Time(ended)} UTC ({Format.Offset(ended - instance.CreatedAt)})");
        if (instance.ParentInstanceId is { } parent) Row("Parent", $"{Markup.Escape(parent)} (execution {instance.ParentExecution}, {Markup.Escape(instance.ParentOperationId ?? "")})");
        Row("Input", Markup.Escape(instance.Input ?? "null"));
        if (instance.Output is { } result) Row("Output", Markup.Escape(result));
        if (instance.Error is { } error) Row("Error", $"[red]{Markup.Escape(error.Type)}: {Markup.Escape(error.Message)}[/]");
        return grid;
    }

    private static void Add(TreeNode parent, OperationNode node, InstanceRecord instance)
    {
        foreach (var child in node.Children) Add(parent.AddNode(Label(child, instance)), child, instance);
    }

    private static string Label(OperationNode node, InstanceRecord instance)
    {
        if (node.Entry is not { } entry) return $"[bold]{Markup.Escape(node.Id)}[/] [grey](scope)[/]";
        var status = entry.Status switch
        {
            JournalEntryStatus.Completed => "[green]completed[/]",
            JournalEntryStatus.Failed => "[red]failed[/]",
            var other => $"[yellow]{other.ToString().ToLowerInvariant()}[/]",
        };
        var parts = new List<string>
        {
            $"[bold]{Markup.Escape(entry.OperationId)}[/]",
            $"{entry.Kind.ToString().ToLowerInvariant()} {Markup.Escape(entry.Name)}",
            status,
            $"[grey]{Format.Offset(entry.RecordedAt - instance.CreatedAt)}[/]",
        };
        if (entry.Attempts > 1) parts.Add($"{entry.Attempts} attempts");
        if (entry.NextAttemptAt is { } next && entry.Status != JournalEntryStatus.Completed) parts.Add($"next at {Format.Time(next)} UTC");
        if (node.ChildInstance is { } child) parts.Add($"→ child [bold]{Markup.Escape(child.InstanceId)}[/] {Format.Status(child.Status)}");
        if (entry.Error is { } error) parts.Add($"[red]{Markup.Escape(error.Type)}: {Format.Payload(error.Message)}[/]");
        else if (entry.Result is { } result) parts.Add($"= {Format.Payload(result)}");
        return string.Join("  ", parts);
    }
}
