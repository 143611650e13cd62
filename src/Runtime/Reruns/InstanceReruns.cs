using Workflows.Identity;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Reset, fork and retry written straight to a checkpoint store, for tools that hold the store without an engine (the
/// CLI). The instance runs again when an engine next looks at it: when it opens the store, or when a worker of a
/// shared store claims it. <see cref="IWorkflowClient"/> does the same and runs it at once.
/// </summary>
/// <param name="store">The store the instances are in.</param>
public sealed class InstanceReruns(ICheckpointStore store)
{
    private readonly WorkflowInspector _inspector = new(store);

    /// <summary>Writes a new execution of <paramref name="instanceId"/> that runs again from <paramref name="operationId"/>; returns the instance as stored.</summary>
    /// <inheritdoc cref="IWorkflowClient.ResetAsync" path="/exception"/>
    public async Task<InstanceRecord> ResetAsync(string instanceId, string operationId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        var record = await GetAsync(instanceId, "reset", cancellationToken).ConfigureAwait(false);
        var journal = await store.LoadJournalAsync(instanceId, record.Execution, cancellationToken).ConfigureAwait(false);
        return await RerunAsync(record, journal, operationId, $"reset of execution {record.Execution}", reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a new execution of a failed instance that runs again from its failed operation; returns the instance as stored.</summary>
    /// <inheritdoc cref="IWorkflowClient.RetryAsync" path="/exception"/>
    public async Task<InstanceRecord> RetryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(instanceId, "retry", cancellationToken).ConfigureAwait(false);
        if (record.Status != WorkflowStatus.Failed)
            throw new InvalidOperationException($"Cannot retry workflow instance '{instanceId}': it is {record.Status}, and only a failed instance is retried. Reset it to one of its operations instead.");
        var journal = await store.LoadJournalAsync(instanceId, record.Execution, cancellationToken).ConfigureAwait(false);
        var failed = journal.Where(e => e.Status == JournalEntryStatus.Failed && e.CompletionIndex > 0 && !OperationIds.IsMessageDriven(e.OperationId)).MaxBy(e => e.CompletionIndex);
        return await RerunAsync(record, journal, failed?.OperationId, $"retry of execution {record.Execution}", record.Error?.Message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="newInstanceId"/> as a copy of the instance up to <paramref name="fromOperationId"/>; returns the new instance as stored.</summary>
    /// <inheritdoc cref="IWorkflowClient.ForkAsync" path="/exception"/>
    public async Task<InstanceRecord> ForkAsync(string instanceId, string fromOperationId, string newInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromOperationId);
        InstanceIds.Validate(newInstanceId, nameof(newInstanceId));
        var record = await GetAsync(instanceId, "fork", cancellationToken).ConfigureAwait(false);
        var journal = await store.LoadJournalAsync(instanceId, record.Execution, cancellationToken).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        var fork = new InstanceRecord
        {
            InstanceId = newInstanceId,
            WorkflowName = record.WorkflowName,
            Status = WorkflowStatus.Running,
            Manifest = record.Manifest,
            Input = record.Input,
            RunTimeout = record.RunTimeout,
            RunDeadline = now + record.RunTimeout,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var kept = JournalRerun.Keep(journal, fromOperationId, newInstanceId, 1, $"fork of '{instanceId}' execution {record.Execution}", reason: null);
        await store.CommitAsync([new CreateInstance(fork, ReplaceTerminal: false), .. kept.Select(e => new PutJournalEntry(e, IsFirstWrite: true))]).ConfigureAwait(false);
        return fork;
    }

    private async Task<InstanceRecord> RerunAsync(InstanceRecord record, IReadOnlyList<JournalEntry> journal, string? operationId, string origin, string? reason, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var next = record with
        {
            Execution = record.Execution + 1,
            Status = WorkflowStatus.Running,
            Output = null,
            Error = null,
            StatusReason = null,
            CompletedAt = null,
            UpdatedAt = now,
            RunDeadline = now + record.RunTimeout,
        };
        var kept = JournalRerun.Keep(journal, operationId, record.InstanceId, next.Execution, origin, reason);
        await store.CommitAsync([new UpdateInstance(next, record.Status), .. kept.Select(e => new PutJournalEntry(e, IsFirstWrite: true) { IsRerun = true })]).ConfigureAwait(false);
        return next;
    }

    private async Task<InstanceRecord> GetAsync(string instanceId, string verb, CancellationToken cancellationToken)
    {
        InstanceIds.ValidateShape(instanceId);
        var record = await _inspector.GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record.Status == WorkflowStatus.Running)
            throw new InvalidOperationException($"Cannot {verb} workflow instance '{instanceId}': it is running. Suspend it first (SuspendAsync), or wait until it ends.");
        return record;
    }
}
