using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Inspection;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>workflows replay &lt;db&gt; &lt;id&gt; --assembly &lt;path&gt;</c>: replays a stored instance against the workflows
/// of a built assembly, without running anything live, and says whether the instance would resume under that code.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliOutput output)
    {
        var database = CommonArguments.Database();
        var instanceId = CommonArguments.InstanceId();
        var password = CommonArguments.Password();
        var assembly = new Option<FileInfo>("--assembly")
        {
            Description = "The built assembly (.dll) whose [Workflow] methods to replay against, e.g. bin/Release/net10.0/MyApp.dll.",
            Required = true,
        };
        var command = new Command("replay", "Check that the current code can resume an instance: manifest check, then a full replay with no side effects.")
        {
            database, instanceId, assembly, password,
        };
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            var file = parse.GetValue(database)!;
            await using var store = StoreAccess.Open(file, parse.GetValue(password));
            var instance = await StoreAccess.GetInstanceAsync(store, parse.GetValue(instanceId)!, file, cancellationToken);
            var result = await ReplayCheck.RunAsync(store, instance, parse.GetValue(assembly)!, cancellationToken);
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
