using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workflows.Cli.Output;
using Workflows.Cli.Sources;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows list &lt;source&gt; [filters] [--limit N] [--after TOKEN] [--json]</c>: a page of instances, newest first.</summary>
internal static class ListCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions();
        var status = CommonArguments.Status("Only instances in this status (running, suspended, completed, failed, canceled, terminated, timedout).");
        var workflow = new Option<string?>("--workflow") { Description = "Only instances of this workflow." };
        var prefix = new Option<string?>("--id-prefix") { Description = "Only instances whose ID starts with this text." };
        var parent = new Option<string?>("--parent") { Description = "Only the child instances of this instance." };
        var limit = new Option<int>("--limit") { Description = $"At most this many instances (1 to {WorkflowInstanceQuery.MaxPageSize}).", DefaultValueFactory = _ => 100 };
        var after = new Option<string?>("--after") { Description = "Continue after the previous page: the token it printed." };
        var json = CommonArguments.Json("Write the page as JSON (instances and continuationToken), as the HTTP API does.");
        var command = source.AddTo(new Command("list", "List instances, newest first, a page at a time.") { status, workflow, prefix, parent, limit, after, json });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var page = await instances.Inspector.QueryInstancesAsync(new WorkflowInstanceQuery
            {
                Status = parse.GetValue(status),
                WorkflowName = parse.GetValue(workflow),
                InstanceIdPrefix = parse.GetValue(prefix),
                ParentInstanceId = parse.GetValue(parent),
                PageSize = parse.GetValue(limit),
                ContinuationToken = parse.GetValue(after),
            }, cancellationToken);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, page);
                return ExitCodes.Success;
            }
            if (page.Instances.Count == 0)
            {
                output.Console.MarkupLine("[grey]No instances.[/]");
                return ExitCodes.Success;
            }

            var table = new CliTable("Instance", "Workflow", "Status", "Execution", "Created (UTC)", "Ended (UTC)", "Parent");
            foreach (var instance in page.Instances)
            {
                table.Add(
                    instance.InstanceId,
                    instance.WorkflowName,
                    new CliCell(instance.Status.ToString(), Format.StatusColor(instance.Status)),
                    instance.Execution.ToString(CultureInfo.InvariantCulture),
                    Format.Time(instance.CreatedAt),
                    instance.CompletedAt is { } ended ? Format.Time(ended) : "",
                    instance.ParentInstanceId ?? "");
            }
            table.Write(output);
            var more = page.ContinuationToken is { } token ? $"; more with --after {token}" : "";
            if (output.Plain) await output.Error.WriteLineAsync($"{page.Instances.Count} instance(s){more}.");
            else output.Console.MarkupLine($"[grey]{page.Instances.Count} instance(s){Markup.Escape(more)}.[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
