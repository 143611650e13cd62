using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Inspection;
using Workflows.Cli.Sources;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>workflows replay &lt;source&gt; &lt;id&gt; --assembly &lt;path&gt;</c>: replays a stored instance against the
/// workflows of a built assembly, without running anything live, and says whether the instance would resume under that code.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions(takesInstanceId: true);
        var assembly = new Option<FileInfo>("--assembly")
        {
            Description = "The built assembly (.dll) whose [Workflow] methods to replay against, e.g. bin/Release/net10.0/MyApp.dll.",
            Required = true,
        };
        var json = CommonArguments.Json("Write the replay's result as JSON.");
        var command = source.AddTo(new Command("replay", "Check that the current code can resume an instance: manifest check, then a full replay with no side effects.")
        {
            assembly, json,
        });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var instance = await instances.GetInstanceAsync(source.InstanceId(parse), cancellationToken);
            var result = await ReplayCheck.RunAsync(instances.Inspector, instance.InstanceId, parse.GetValue(assembly)!, cancellationToken);
            if (parse.GetValue(json))
            {
                await Output.CliJson.WriteAsync(output, result);
                return result.IsCompatible ? ExitCodes.Success : ExitCodes.Incompatible;
            }
            var summary = ReplayCheck.Summary(result);
            if (!result.IsCompatible)
            {
                output.Console.MarkupLine($"[red]Incompatible[/]: {Markup.Escape(summary)}.");
                await output.Error.WriteLineAsync(result.Incompatibility);
                return ExitCodes.Incompatible;
            }
            output.Console.MarkupLine($"[green]Compatible[/]: {Markup.Escape(summary)}; {Markup.Escape(ReplayCheck.Next(result))}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
