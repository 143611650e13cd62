using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Winds a run down once its instance was suspended (the caller recorded the suspension): no new step attempt starts,
/// the attempts in flight finish and record their outcomes, what was recorded meanwhile is written, and then the run
/// lets go of the instance. Nothing more reaches the workflow code; it sees those outcomes when the instance resumes.
/// </summary>
internal sealed class InstanceSuspension(InstanceRunner runner)
{
    private InstanceRecord? _requested;
    private Task _attemptsSettled = Task.CompletedTask;

    /// <summary>The suspended record, once the run was asked to wind down.</summary>
    public InstanceRecord? Requested => Volatile.Read(ref _requested);

    /// <summary>Asks the run to wind down; false when its driver no longer runs (it has nothing in flight to wait for).</summary>
    public bool Request(InstanceRecord record)
    {
        if (Interlocked.CompareExchange(ref _requested, record, null) is not null) return true;
        _attemptsSettled = runner.Steps.DrainAsync();
        return runner.Driver.TryWake();
    }

    /// <summary>Runs on the driver once it stopped delivering: waits for the attempts in flight and their writes.</summary>
    public async Task WindDownAsync(InstanceRecord record)
    {
        await _attemptsSettled.ConfigureAwait(false);
        runner.Journal.Close();
        foreach (var item in runner.Driver.TakeQueued())
        {
            if (item is WorkItem.Query query)
            {
                query.Answer.TrySetCanceled();
                continue;
            }
            if (item is not WorkItem.Delivery delivery) continue;
            try
            {
                await delivery.Durable.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Not written: the operation runs again after the instance resumes, as after a crash.
            }
        }
        await runner.Lifecycle.LetGoSuspendedAsync(record).ConfigureAwait(false);
    }
}
