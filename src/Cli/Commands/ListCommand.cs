using System.CommandLine;
using Spectre.Console;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows list &lt;db&gt; [--status S]</c>: a table of instances, oldest first.</summary>
internal static class ListCommand
{
    public static Command Create(CliOutput output)
    {
        var database = CommonArguments.Database();
        var status = CommonArguments.Status("Only instances in this status (running, completed, failed, canceled, terminated).");
        var password = CommonArguments.Password();
        var command = new Command("list", "List the instances in a checkpoint store.") { database, status, password };
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            var file = parse.GetValue(database)!;
            await using var store = StoreAccess.Open(file, parse.GetValue(password));
            var instances = await store.ListInstancesAsync(parse.GetValue(status), cancellationToken);
            if (instances.Count == 0)
            {
                output.Console.MarkupLine("[grey]No instances.[/]");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Instance", "Workflow", "Status", "Execution", "Created (UTC)", "Ended (UTC)", "Parent");
            foreach (var instance in instances)
            {
                table.AddRow(
                    Markup.Escape(instance.InstanceId),
                    Markup.Escape(instance.WorkflowName),
                    Format.Status(instance.Status),
                    instance.Execution.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Format.Time(instance.CreatedAt),
                    instance.CompletedAt is { } ended ? Format.Time(ended) : "",
                    Markup.Escape(instance.ParentInstanceId ?? ""));
            }
            output.Console.Write(table);
            output.Console.MarkupLine($"[grey]{instances.Count} instance(s).[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
