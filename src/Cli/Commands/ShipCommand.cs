using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Inspection;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>workflows ship &lt;assembly&gt; [--file workflows.shipped.txt] [--check]</c>: records the durable calls of the
/// built assembly's workflows as shipped, for the build's compile-time version check; with --check, only says whether
/// the file is up to date (for a release pipeline).
/// </summary>
internal static class ShipCommand
{
    public static Command Create(CliOutput output)
    {
        var assembly = new Argument<FileInfo>("assembly") { Description = "The built assembly (.dll) of the release, e.g. bin/Release/net10.0/MyApp.dll." };
        var file = new Option<FileInfo>("--file")
        {
            Description = $"The shipped-manifests file to write (default: {ShippedManifests.FileName} in the current directory, which is where the project file is).",
            DefaultValueFactory = _ => new FileInfo(ShippedManifests.FileName),
        };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit with 4 when the file does not hold the assembly's current calls." };
        var command = new Command("ship", "Record the durable calls of a release's workflows as shipped (the file the build checks changes against).") { assembly, file, check };
        command.SetAction((parse, _) => CliApp.GuardAsync(output, async () =>
        {
            var built = parse.GetValue(assembly)!;
            var calls = ShippedManifests.Of(WorkflowAssemblies.Load(built), built.FullName);
            var target = parse.GetValue(file)!;
            var existing = target.Exists ? await File.ReadAllTextAsync(target.FullName) : null;
            if (parse.GetValue(check))
            {
                var differing = existing is null ? ["(the file does not exist)"] : ShippedManifests.Differences(existing, calls);
                if (differing.Count == 0)
                {
                    output.Console.MarkupLine($"{Markup.Escape(target.Name)} is up to date.");
                    return ExitCodes.Success;
                }
                output.Console.MarkupLine($"[red]Out of date[/]: {Markup.Escape(string.Join(", ", differing))}. Run 'workflows ship {Markup.Escape(built.Name)}' when you release.");
                return ExitCodes.Incompatible;
            }
            await File.WriteAllTextAsync(target.FullName, ShippedManifests.Render(existing, calls));
            var workflows = calls.Select(l => l.Split(':')[0]).Distinct(StringComparer.Ordinal).Count();
            output.Console.MarkupLine($"Recorded {calls.Count} durable call(s) of {workflows} workflow(s) in {Markup.Escape(target.FullName)}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
