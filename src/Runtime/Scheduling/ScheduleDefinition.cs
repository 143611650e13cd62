namespace Workflows.Scheduling;

/// <summary>The built-in workflow that carries schedules, with the updates <see cref="WorkflowSchedules"/> sends it.</summary>
internal static class ScheduleDefinition
{
    public const string Change = "change";
    public const string Pause = "pause";
    public const string Trigger = "trigger";
    public const string Backfill = "backfill";
    public const string Delete = "delete";

    /// <summary>The definition for an engine whose client <paramref name="client"/> returns (null in a replayer, which runs no steps).</summary>
    public static WorkflowDefinition Create(Func<WorkflowClient?> client) =>
        WorkflowDefinition.Create<ScheduleWorkflow, ScheduleState, object?>(
            WorkflowSchedules.WorkflowName,
            _ => new ScheduleWorkflow(client),
            static (schedule, state) => schedule.RunAsync(state),
            updates:
            [
                WorkflowUpdate.Create<ScheduleWorkflow, ScheduleDescription>(Change,
                    static (schedule, args) => Task.FromResult(schedule.Change((ScheduleSpec?)args[0], (SchedulePolicy?)args[1])),
                    static (schedule, args) =>
                    {
                        NotDeleted(schedule);
                        ((ScheduleSpec?)args[0])?.Validate();
                        ((SchedulePolicy?)args[1])?.Validate();
                    },
                    typeof(ScheduleSpec), typeof(SchedulePolicy)),
                WorkflowUpdate.Create<ScheduleWorkflow, ScheduleDescription>(Pause,
                    static (schedule, args) => Task.FromResult(schedule.Pause((bool)args[0]!, (string?)args[1])),
                    static (schedule, _) => NotDeleted(schedule),
                    typeof(bool), typeof(string)),
                WorkflowUpdate.Create<ScheduleWorkflow, ScheduleRun>(Trigger,
                    static (schedule, args) => schedule.TriggerAsync((ScheduleOverlapPolicy?)args[0]),
                    static (schedule, _) => NotDeleted(schedule),
                    typeof(ScheduleOverlapPolicy?)),
                WorkflowUpdate.Create<ScheduleWorkflow, IReadOnlyList<ScheduleRun>>(Backfill,
                    static (schedule, args) => schedule.BackfillAsync((DateTime)args[0]!, (DateTime)args[1]!, (ScheduleOverlapPolicy)args[2]!),
                    static (schedule, args) =>
                    {
                        NotDeleted(schedule);
                        WorkflowSchedules.ValidateBackfill(schedule.State.ScheduleId, schedule.State.Spec, (DateTime)args[0]!, (DateTime)args[1]!);
                    },
                    typeof(DateTime), typeof(DateTime), typeof(ScheduleOverlapPolicy)),
                WorkflowUpdate.Create<ScheduleWorkflow, ScheduleDescription>(Delete,
                    static (schedule, _) => Task.FromResult(schedule.Delete()),
                    static (schedule, _) => NotDeleted(schedule)),
            ]);

    private static void NotDeleted(ScheduleWorkflow schedule)
    {
        if (schedule.State.Deleted) throw new InvalidOperationException($"Schedule '{schedule.State.ScheduleId}' is being deleted.");
    }
}
