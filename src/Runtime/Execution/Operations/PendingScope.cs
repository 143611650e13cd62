using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A non-virtual scope: workflow code run under its own operation ID, whose outcome is journaled like a step's.
/// Once that record exists, replay returns it without running the body, so the operations inside are not
/// replayed; a scope without it runs its body again (its recorded inner operations replay) and records it then.
/// </summary>
internal sealed class PendingScope<T>(InstanceRunner runner, OperationKey key, string name, Func<Task<T>> body, BatchState? batch)
    : PendingOperation(key, name)
{
    private readonly TaskCompletionSource<T> _outcome = new();

    public Task<T> Task => _outcome.Task;

    public override Task Awaited => Task;

    /// <summary>The body is workflow code: it must run during replay so its recorded inner operations are delivered.</summary>
    public override bool RunsDuringReplay => true;

    private string What => $"result of scope '{Key.Id}' in workflow instance '{runner.InstanceId}'";

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed)
        {
            runner.Serializer.SetResultFrom(_outcome, entry.Result, this, static pending => pending.What);
            return;
        }
        var error = entry.Error ?? new WorkflowError("Unknown", "The scope failed without a recorded error.", null);
        _outcome.SetException(error.IsCancellation
            ? new OperationCanceledException($"Scope '{Key.Id}' of workflow instance '{runner.InstanceId}' was cancelled: {error.Message}")
            : new ScopeFailedException(runner.InstanceId, Key.Id, error));
    }

    // Called on the instance's scheduler, from the workflow code that opened the scope.
    public override void Start(JournalEntry? recorded) => _ = RunBodyAsync();

    private async Task RunBodyAsync()
    {
        WorkflowContext.EnterScope(Key.Id, batch);
        T value;
        try
        {
            value = await body().ConfigureAwait(true);
        }
        catch (Exception ex)
        {
            runner.Journal.RecordOutcome(this, JournalEntryStatus.Failed, null, WorkflowError.From(ex), 1);
            return;
        }
        string? json;
        try
        {
            json = runner.Serializer.Serialize(value, What);
        }
        catch (PayloadException ex)
        {
            runner.Journal.RecordOutcome(this, JournalEntryStatus.Failed, null, WorkflowError.From(ex), 1);
            return;
        }
        runner.Journal.RecordOutcome(this, JournalEntryStatus.Completed, json, null, 1);
    }
}
