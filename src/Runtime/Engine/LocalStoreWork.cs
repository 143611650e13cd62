using Workflows.Diagnostics;

namespace Workflows;

/// <summary>
/// The engine's work on a store no other engine shares: every unfinished instance is resumed at open, and one it let
/// go of is resumed when it is due or a message arrives (see <see cref="SharedStoreWork"/> for a shared store).
/// </summary>
internal sealed class LocalStoreWork(WorkflowEngine engine, WorkflowSet workflows)
{
    /// <summary>Resumes an instance this engine let go of, from its journal, unless it ended or runs again meanwhile.</summary>
    public async Task ResumeSuspendedAsync(string instanceId)
    {
        try
        {
            var instance = await engine.Store.GetInstanceAsync(instanceId, engine.Stopping).ConfigureAwait(false);
            if (instance is not { Status: WorkflowStatus.Running } || engine.TryGetRunner(instanceId, out _)) return;
            if (!engine.TryGetWorkflow(instance.WorkflowName, out var definition)) return;
            var journal = await engine.Store.LoadJournalAsync(instance.InstanceId, instance.Execution, engine.Stopping).ConfigureAwait(false);
            engine.StartRunner(instance, definition, journal);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping: the instance resumes when the store is opened again.
        }
    }

    /// <summary>Resumes every unfinished instance of the store; one whose workflow is not registered is reported as stalled.</summary>
    public async Task ResumeAsync()
    {
        var unfinished = await engine.Store.ListInstancesAsync(WorkflowStatus.Running, engine.Stopping).ConfigureAwait(false);
        if (unfinished.Count > 0) Log.Resuming(engine.Logger, unfinished.Count);
        foreach (var instance in unfinished)
        {
            if (!engine.TryGetWorkflow(instance.WorkflowName, out var definition))
            {
                var missing = workflows.NotRegistered(instance.WorkflowName, instance.InstanceId);
                engine.Stalled(instance.InstanceId, missing.Message);
                Log.CannotResume(engine.Logger, missing, instance.InstanceId);
                continue;
            }
            var journal = await engine.Store.LoadJournalAsync(instance.InstanceId, instance.Execution, engine.Stopping).ConfigureAwait(false);
            engine.StartRunner(instance, definition, journal);
        }
    }
}
