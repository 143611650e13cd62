using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;

namespace Workflows.Scheduling;

/// <summary>
/// Keeps the schedules that <see cref="ScheduleAttribute"/>s declare in line with the code when an engine starts:
/// creates the new ones, changes the changed ones, deletes those whose attribute is gone. Several workers doing it at
/// once agree: creation is by ID, and a change or deletion done twice leaves the same schedule.
/// </summary>
internal static class DeclaredSchedules
{
    public static async Task ReconcileAsync(WorkflowSchedules schedules, WorkflowSet workflows, ILogger logger, CancellationToken cancellationToken)
    {
        var declared = Declared(workflows);
        var existing = (await schedules.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.ScheduleId, StringComparer.Ordinal);
        foreach (var (id, wanted) in declared)
        {
            if (!existing.TryGetValue(id, out var current))
            {
                await CreateAsync(schedules, id, wanted, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!current.Declared)
            {
                Log.DeclaredScheduleTaken(logger, id, wanted.Workflow);
                continue;
            }
            if (current.WorkflowName != wanted.Workflow)
            {
                await DeleteAsync(schedules, id, cancellationToken).ConfigureAwait(false);
                await CreateAsync(schedules, id, wanted, cancellationToken).ConfigureAwait(false);
            }
            else if (current.Spec != wanted.Spec || current.Policy != wanted.Policy)
            {
                await schedules.UpdateAsync(id, current.Spec == wanted.Spec ? null : wanted.Spec, current.Policy == wanted.Policy ? null : wanted.Policy, cancellationToken).ConfigureAwait(false);
                Log.DeclaredScheduleChanged(logger, id, wanted.Workflow);
            }
        }
        // Only schedules of workflows this engine knows: engines of other applications may share the store.
        foreach (var stale in existing.Values.Where(s => s.Declared && !declared.ContainsKey(s.ScheduleId) && workflows.TryGet(s.WorkflowName, out _)))
        {
            await DeleteAsync(schedules, stale.ScheduleId, cancellationToken).ConfigureAwait(false);
            Log.DeclaredScheduleRemoved(logger, stale.ScheduleId, stale.WorkflowName);
        }
    }

    private static Dictionary<string, Wanted> Declared(WorkflowSet workflows)
    {
        var declared = new Dictionary<string, Wanted>(StringComparer.Ordinal);
        foreach (var definition in workflows.Declaring)
        {
            foreach (var attribute in definition.Schedules)
            {
                var (id, spec, policy) = attribute.Resolve(definition.Name);
                if (!declared.TryAdd(id, new Wanted(definition.Name, spec, policy)))
                    throw new InvalidOperationException($"Two [Schedule] attributes declare the schedule '{id}' (of workflows '{declared[id].Workflow}' and '{definition.Name}'): give each its own Id.");
            }
        }
        return declared;
    }

    private static async Task CreateAsync(WorkflowSchedules schedules, string id, Wanted wanted, CancellationToken cancellationToken)
    {
        try
        {
            await schedules.CreateAsync(id, wanted.Spec, wanted.Workflow, inputJson: null, new ScheduleOptions { Policy = wanted.Policy }, declared: true, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Another worker created it meanwhile, from the same attribute; anything else is a real failure.
            if (!await ExistsAsync(schedules, id, cancellationToken).ConfigureAwait(false)) throw;
        }
    }

    private static async Task<bool> ExistsAsync(WorkflowSchedules schedules, string id, CancellationToken cancellationToken)
    {
        try
        {
            await schedules.GetAsync(id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ScheduleNotFoundException)
        {
            return false;
        }
    }

    private static async Task DeleteAsync(WorkflowSchedules schedules, string id, CancellationToken cancellationToken)
    {
        try
        {
            await schedules.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ScheduleNotFoundException)
        {
            // Another worker deleted it meanwhile.
        }
    }

    private sealed record Wanted(string Workflow, ScheduleSpec Spec, SchedulePolicy Policy);
}
