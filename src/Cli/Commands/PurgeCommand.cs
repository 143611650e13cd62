using System.CommandLine;
using Spectre.Console;
using Workflows.Cli.Sources;
using Workflows.Storage;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows purge &lt;db&gt; --older-than 30d [--status completed] [--dry-run]</c>.</summary>
internal static class PurgeCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions();
        var olderThan = new Option<TimeSpan>("--older-than")
        {
            Description = "Only instances that ended longer ago than this: 30d, 12h, 45m, 90s or a TimeSpan (1.12:00:00).",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DurationParser.TryParse(text, out var age)) return age;
                result.AddError($"'{text}' is not an age: write it as 30d, 12h, 45m, 90s or 1.12:00:00.");
                return default;
            },
        };
        var status = CommonArguments.Status("Only finished instances in this status (completed, failed, canceled, terminated).");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted; delete nothing." };
        var json = CommonArguments.Json("Write what was (or, with --dry-run, would be) purged as JSON.");
        var command = source.AddTo(new Command("purge", "Delete finished instances with their journals. Running instances are never deleted.") { olderThan, status, dryRun, json });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            if (parse.GetValue(status) == WorkflowStatus.Running)
                throw new CliException(ExitCodes.Usage, "Running instances are never purged: choose completed, failed, canceled or terminated, or no --status.");
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var store = instances.RequireStore("Purging");
            var cutoff = DateTime.UtcNow - parse.GetValue(olderThan);
            if (parse.GetValue(dryRun))
            {
                var candidates = await store.FindPurgeableAsync(cutoff, parse.GetValue(status), cancellationToken);
                if (parse.GetValue(json))
                {
                    await Output.CliJson.WriteAsync(output, new { wouldPurge = candidates.Select(c => c.InstanceId) });
                    return ExitCodes.Success;
                }
                foreach (var instance in candidates) output.Console.MarkupLine($"would purge {Markup.Escape(instance.InstanceId)} ({instance.Status}, ended {Format.Time(instance.CompletedAt ?? instance.UpdatedAt)} UTC)");
                output.Console.MarkupLine($"{candidates.Count} instance(s) would be purged.");
                return ExitCodes.Success;
            }
            var purged = await store.PurgeFinishedAsync(cutoff, parse.GetValue(status), cancellationToken);
            if (parse.GetValue(json))
            {
                await Output.CliJson.WriteAsync(output, new { purged });
                return ExitCodes.Success;
            }
            output.Console.MarkupLine($"Purged {purged} instance(s).");
            return ExitCodes.Success;
        }));
        return command;
    }
}
