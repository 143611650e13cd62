using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workflows.Cli.Inspection;
using Workflows.Cli.Output;
using Workflows.Cli.Sources;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows show &lt;source&gt; &lt;id&gt;</c>: status, input, outcome and the operation tree of an instance.</summary>
internal static class ShowCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var execution = new Option<int?>("--execution") { Description = "Show this execution's operations; by default the current one's." };
        var assembly = new Option<FileInfo?>("--assembly")
        {
            Description = "Also replay the instance against the workflows of this built assembly and show the replay time and compatibility.",
        };
        var json = CommonArguments.Json("Write the instance and its operation tree as JSON, as the HTTP API's history does.");
        var command = source.AddTo(new Command("show", "Show an instance: status, input, output or error, and its operation tree.") { execution, assembly, json });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var instance = await instances.GetInstanceAsync(source.InstanceId(parse), cancellationToken);
            var number = parse.GetValue(execution);
            var history = await InstanceSource.OfExecutionAsync(instance, number, () => instances.Inspector.GetHistoryAsync(instance.InstanceId, number, cancellationToken));
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, history);
                return ExitCodes.Success;
            }

            output.Console.Write(Summary(history.Instance));
            var count = history.AllOperations().Count();
            var tree = new Tree($"[bold]Operations[/] [grey](execution {history.Execution}, {count} operation(s); times from the instance's creation)[/]");
            foreach (var operation in history.Operations) Add(tree.AddNode(Label(operation, instance)), operation, instance);
            output.Console.Write(tree);
            if (parse.GetValue(assembly) is { } code)
            {
                var replay = await ReplayCheck.RunAsync(instances.Inspector, instance.InstanceId, code, cancellationToken);
                output.Console.MarkupLine(replay.IsCompatible
                    ? $"[bold]Replay[/] [green]compatible[/]: {Markup.Escape(ReplayCheck.Summary(replay))}; {Markup.Escape(ReplayCheck.Next(replay))}."
                    : $"[bold]Replay[/] [red]incompatible[/]: {Markup.Escape(ReplayCheck.Summary(replay))}: {Markup.Escape(replay.Incompatibility!)}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Grid Summary(WorkflowInstanceInfo instance)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", value);
        Row("Instance", Markup.Escape(instance.InstanceId));
        Row("Workflow", Markup.Escape(instance.WorkflowName));
        Row("Status", Format.Status(instance.Status) + (instance.StatusReason is { } reason ? $" ({Markup.Escape(reason)})" : ""));
        if (instance.StalledReason is { } stalled) Row("Stalled", $"[red]{Markup.Escape(stalled)}[/]");
        if (instance.CustomStatusJson is { } custom) Row("Custom status", Markup.Escape(custom));
        Row("Execution", instance.Execution.ToString(CultureInfo.InvariantCulture));
        Row("Created", Format.Time(instance.CreatedAt) + " UTC");
        if (instance.CompletedAt is { } ended) Row("Ended", $"{Format.Time(ended)} UTC ({Format.Offset(ended - instance.CreatedAt)})");
        if (instance.ParentInstanceId is { } parent) Row("Parent", $"{Markup.Escape(parent)} (execution {instance.ParentExecution}, {Markup.Escape(instance.ParentOperationId ?? "")})");
        Row("Input", Markup.Escape(instance.InputJson ?? "null"));
        if (instance.OutputJson is { } result) Row("Output", Markup.Escape(result));
        if (instance.Error is { } error) Row("Error", $"[red]{Markup.Escape(error.Type)}: {Markup.Escape(error.Message)}[/]");
        return grid;
    }

    private static void Add(TreeNode parent, WorkflowOperation operation, WorkflowInstanceInfo instance)
    {
        foreach (var failed in operation.FailedAttempts)
            parent.AddNode($"[red]attempt {failed.Attempt} failed[/] [grey]{Format.Offset(failed.FailedAt - instance.CreatedAt)}[/]  [red]{Markup.Escape(failed.Error.Type)}: {Format.Payload(failed.Error.Message)}[/]");
        foreach (var inner in operation.Operations) Add(parent.AddNode(Label(inner, instance)), inner, instance);
    }

    private static string Label(WorkflowOperation operation, WorkflowInstanceInfo instance)
    {
        var status = operation.Status switch
        {
            WorkflowOperationStatus.Completed => "[green]completed[/]",
            WorkflowOperationStatus.Failed => "[red]failed[/]",
            var other => $"[yellow]{other.ToString().ToLowerInvariant()}[/]",
        };
        var parts = new List<string>
        {
            $"[bold]{Markup.Escape(operation.Id)}[/]",
            $"{Format.Kind(operation.Kind)} {Markup.Escape(operation.Name)}",
            status,
        };
        if (operation.RecordedAt is { } recorded) parts.Add($"[grey]{Format.Offset(recorded - instance.CreatedAt)}[/]");
        if (operation.Kind == WorkflowOperationKind.FanOut) parts.Add($"{operation.ItemCount} item(s)");
        if (operation.Attempts > 1) parts.Add($"{operation.Attempts} attempts");
        if (operation.DueAt is { } due && operation.Status is not (WorkflowOperationStatus.Completed or WorkflowOperationStatus.Failed)) parts.Add($"due {Format.Time(due)} UTC");
        if (operation.ChildInstanceId is { } child) parts.Add($"→ child [bold]{Markup.Escape(child)}[/]" + (operation.ChildStatus is { } childStatus ? " " + Format.Status(childStatus) : ""));
        if (operation.FailedAttempts.Count == 0 && operation.LastFailedAttemptError is { } failure && operation.Error is null) parts.Add($"[red]a failed attempt: {Markup.Escape(failure.Type)}: {Format.Payload(failure.Message)}[/]");
        if (operation.Error is { } error) parts.Add($"[red]{Markup.Escape(error.Type)}: {Format.Payload(error.Message)}[/]");
        else if (operation.ResultJson is { } result && operation.Kind != WorkflowOperationKind.FanOut) parts.Add($"= {Format.Payload(result)}");
        return string.Join("  ", parts);
    }
}
