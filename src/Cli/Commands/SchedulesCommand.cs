using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workflows.Cli.Output;
using Workflows.Cli.Sources;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows schedules &lt;source&gt; [--id ID] [--json]</c>: the schedules, or one with its next and recent runs.</summary>
internal static class SchedulesCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions();
        var id = new Option<string?>("--id") { Description = "Show this schedule: its spec, policy, next run times and recent runs." };
        var json = CommonArguments.Json("Write the schedules (or the one schedule) as JSON.");
        var command = source.AddTo(new Command("schedules", "List the schedules, or show one with its next and recent runs.") { id, json });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var schedules = await WorkflowSchedules.ReadAllAsync(instances.Inspector, options: null, cancellationToken);
            if (parse.GetValue(id) is { } wanted)
            {
                var schedule = schedules.FirstOrDefault(s => s.ScheduleId == wanted)
                    ?? throw new CliException(ExitCodes.NotFound, $"No schedule has the ID '{wanted}' (it was never created, or it was deleted). 'workflows schedules' lists them.");
                if (parse.GetValue(json)) await CliJson.WriteAsync(output, schedule);
                else Show(output, schedule);
                return ExitCodes.Success;
            }
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, schedules);
                return ExitCodes.Success;
            }
            if (schedules.Count == 0)
            {
                output.Console.MarkupLine("[grey]No schedules.[/]");
                return ExitCodes.Success;
            }
            var table = new CliTable("Schedule", "Workflow", "When", "Next (UTC)", "State", "Started", "Skipped", "Missed", "Last run");
            foreach (var schedule in schedules)
            {
                table.Add(
                    schedule.ScheduleId,
                    schedule.WorkflowName,
                    schedule.Spec.ToString(),
                    schedule.NextRunTimes.Count > 0 ? Format.Time(schedule.NextRunTimes[0]) : "",
                    schedule.Paused ? new CliCell("paused", "yellow") : new CliCell("active", "green"),
                    Count(schedule.StartedRuns),
                    Count(schedule.SkippedRuns),
                    Count(schedule.MissedRuns),
                    schedule.LastRunInstanceId ?? "");
            }
            table.Write(output);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Show(CliOutput output, ScheduleDescription schedule)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value));
        Row("Schedule", schedule.ScheduleId);
        Row("Workflow", schedule.WorkflowName + (schedule.InputJson is { } input ? $" with {input}" : ""));
        Row("When", schedule.Spec.ToString());
        Row("Overlap", schedule.Policy.Overlap.ToString());
        Row("Catch-up window", schedule.Policy.CatchupWindow.ToString());
        Row("State", (schedule.Paused ? "paused" : "active") + (schedule.Note is { } note ? $" ({note})" : "") + (schedule.Declared ? ", declared by [Schedule]" : ""));
        Row("Runs", $"{schedule.StartedRuns} started, {schedule.SkippedRuns} skipped, {schedule.MissedRuns} missed");
        if (schedule.BufferedRun is { } buffered) Row("Buffered", Format.Time(buffered) + " UTC");
        Row("Next (UTC)", string.Join(", ", schedule.NextRunTimes.Select(Format.Time)));
        output.Console.Write(grid);
        if (schedule.RecentRuns.Count == 0) return;
        var table = new CliTable("Scheduled (UTC)", "Outcome", "Run", "Why");
        foreach (var run in schedule.RecentRuns) table.Add(Format.Time(run.ScheduledAt), run.Outcome.ToString(), run.InstanceId, run.Reason ?? "");
        table.Write(output);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
