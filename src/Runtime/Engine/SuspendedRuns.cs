using Workflows.Diagnostics;
using Workflows.Execution;

namespace Workflows;

/// <summary>
/// Starts the next run of a resumed instance exactly once, whichever comes last: the resume, or the end of the run that
/// was winding down (its step attempts in flight recording their outcomes) when the instance was suspended. On a
/// shared store the run gives its lease up instead, and whichever worker claims the resumed instance runs it.
/// </summary>
internal sealed class SuspendedRuns(WorkflowEngine engine) : IDisposable
{
    // One at a time: a resume must not miss a run that is ending, nor start a second run beside the next one.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The instance was resumed: it runs here now, unless a run still winds down (that run starts the next).</summary>
    public Task ResumedAsync(string instanceId) => StartNextRunAsync(instanceId, ended: null);

    /// <summary>A suspended instance's run wound down: the instance lets go, and runs again if it was resumed meanwhile.</summary>
    public Task WoundDownAsync(InstanceRunner ended)
    {
        if (!engine.Work.IsShared) return StartNextRunAsync(ended.InstanceId, ended);
        engine.Forget(ended.InstanceId, ended);
        engine.Work.LetGo(ended.InstanceId, DateTime.UtcNow); // the claim waits for the instance to run again
        return Task.CompletedTask;
    }

    private async Task StartNextRunAsync(string instanceId, InstanceRunner? ended)
    {
        if (ended is not null) engine.Forget(instanceId, ended);
        if (engine.IsStopping) return; // the next start resumes the instance if it runs
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (engine.TryGetRunner(instanceId, out _) || engine.IsStopping) return;
            var record = await engine.Store.GetInstanceAsync(instanceId, engine.Stopping).ConfigureAwait(false);
            if (record is not { Status: WorkflowStatus.Running } || !engine.TryGetWorkflow(record.WorkflowName, out var definition)) return;
            // The suspended run recorded its attempts in flight before it let go: a step it had not started yet is no
            // attempt cut short.
            await engine.ResumeFromJournalAsync(record, definition, afterStop: false, recovered: false, engine.Stopping).ConfigureAwait(false);
        }
        catch (Exception) when (engine.IsStopping)
        {
            // The engine stops: the next start resumes the instance if it runs.
        }
        catch (Exception ex)
        {
            Log.CannotResume(engine.Logger, ex, instanceId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
