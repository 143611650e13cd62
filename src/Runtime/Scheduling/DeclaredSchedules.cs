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
    /// <summary>Reconciles once <paramref name="resumed"/> (the engine resuming its instances) completed.</summary>
    /// <param name="resumed">The engine resuming its instances.</param>
    /// <param name="schedules">The engine's schedules.</param>
    /// <param name="declaring">The engine's workflows that declare schedules.</param>
    /// <param name="knows">Whether the engine knows a workflow (only its own declared schedules are deleted).</param>
    /// <param name="logger">Where changes are logged.</param>
    /// <param name="cancellationToken">The engine stopping.</param>
    public static async Task ReconcileAfterAsync(Task resumed, WorkflowSchedules schedules, IEnumerable<WorkflowDefinition> declaring, Func<string, bool> knows, ILogger logger, CancellationToken cancellationToken)
    {
        await resumed.ConfigureAwait(false);
        var declared = Declared(declaring);
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
        foreach (var stale in existing.Values.Where(s => s.Declared && !declared.ContainsKey(s.ScheduleId) && knows(s.WorkflowName)))
        {
            await DeleteAsync(schedules, stale.ScheduleId, cancellationToken).ConfigureAwait(false);
            Log.DeclaredScheduleRemoved(logger, stale.ScheduleId, stale.WorkflowName);
        }
    }

    private static Dictionary<string, Wanted> Declared(IEnumerable<WorkflowDefinition> declaring)
    {
        var declared = new Dictionary<string, Wanted>(StringComparer.Ordinal);
        foreach (var definition in declaring)
        {
            foreach (var attribute in definition.Schedules)
            {
                var (id, spec, policy) = Resolve(attribute, definition.Name);
                if (!declared.TryAdd(id, new Wanted(definition.Name, spec, policy)))
                    throw new InvalidOperationException($"Two [Schedule] attributes declare the schedule '{id}' (of workflows '{declared[id].Workflow}' and '{definition.Name}'): give each its own Id.");
            }
        }
        return declared;
    }

    /// <summary>The schedule <paramref name="attribute"/> declares for the workflow <paramref name="workflowName"/>.</summary>
    /// <exception cref="ArgumentException">The attribute does not describe a valid schedule.</exception>
    private static (string Id, ScheduleSpec Spec, SchedulePolicy Policy) Resolve(ScheduleAttribute attribute, string workflowName)
    {
        var id = attribute.Id ?? workflowName;
        try
        {
            var spec = attribute.CronExpression is { } cron
                ? new ScheduleSpec { CronExpression = cron, TimeZone = attribute.TimeZone }
                : new ScheduleSpec { Interval = attribute.IntervalSeconds > 0 ? TimeSpan.FromSeconds(attribute.IntervalSeconds) : null, Offset = TimeSpan.FromSeconds(attribute.OffsetSeconds) };
            spec = spec with { Jitter = TimeSpan.FromSeconds(attribute.JitterSeconds) };
            spec.Validate();
            var policy = new SchedulePolicy
            {
                Overlap = attribute.Overlap,
                CatchupWindow = attribute.CatchupWindowSeconds > 0 ? TimeSpan.FromSeconds(attribute.CatchupWindowSeconds) : SchedulePolicy.DefaultCatchupWindow,
            };
            policy.Validate();
            ScheduleIds.Validate(id);
            return (id, spec, policy);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The [Schedule] attribute '{id}' of workflow '{workflowName}' does not describe a schedule: {e.Message}", e);
        }
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
