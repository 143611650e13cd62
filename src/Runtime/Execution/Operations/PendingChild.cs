using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A child workflow call: starts (or, after a restart, attaches to) the child instance, and is completed by the
/// child's completion message, addressed to this parent execution and operation.
/// </summary>
internal abstract class PendingChild(InstanceRunner runner, OperationKey key, string workflowName, string childInstanceId, ParentClosePolicy parentClosePolicy)
    : PendingOperation(key, workflowName)
{
    public string ChildInstanceId { get; } = childInstanceId;

    public ParentClosePolicy ParentClosePolicy { get; } = parentClosePolicy;

    private volatile bool _attached;

    /// <summary>Whether the child is known to exist as this call's child, so its completion will arrive as a message.</summary>
    public bool IsAttached
    {
        get => _attached;
        set => _attached = value;
    }

    protected InstanceRunner Runner { get; } = runner;

    /// <summary>
    /// Whether the call ends once the child durably exists (a start), rather than when the child ends. A started
    /// child is independent: no completion message is sent back, and this instance's end does not reach it.
    /// </summary>
    public virtual bool EndsOnStart => false;

    /// <summary>What the child's record names as its parent operation: this call's ID, marked for a start.</summary>
    public string ParentLink => EndsOnStart ? OperationIds.StartedChild(Key.Id) : Key.Id;

    /// <summary>The child's record to create when it does not exist yet.</summary>
    public abstract InstanceRecord ChildRecord();

    /// <summary>The record of a new child, its input written by <paramref name="input"/> for the child's registered definition (null when another worker runs it).</summary>
    protected InstanceRecord ChildRecord(Func<WorkflowDefinition?, string?> input)
    {
        var definition = Runner.Children.FindWorkflow(Name);
        var now = Runner.UtcNow;
        return new InstanceRecord
        {
            InstanceId = ChildInstanceId,
            WorkflowName = Name,
            Status = WorkflowStatus.Running,
            // Unknown here (another worker runs it): the call's input type writes the input, and the worker that runs
            // the child records its manifest.
            Manifest = definition?.Manifest?.Text,
            Input = input(definition),
            ParentInstanceId = Runner.InstanceId,
            ParentExecution = Runner.Execution,
            ParentOperationId = ParentLink,
            CreatedAt = now,
            UpdatedAt = now,
            ExecutionDeadline = now + definition?.ExecutionTimeout,
            RunTimeout = definition?.RunTimeout,
            RunDeadline = now + definition?.RunTimeout,
        };
    }

    public override void Start(JournalEntry? recorded) => Runner.Children.Start(this);
}

/// <summary>A child call whose result is a <typeparamref name="TOutput"/>.</summary>
internal sealed class PendingChild<TInput, TOutput>(
    InstanceRunner runner, OperationKey key, string workflowName, string childInstanceId, TInput input, ParentClosePolicy parentClosePolicy)
    : PendingChild(runner, key, workflowName, childInstanceId, parentClosePolicy)
{
    private readonly TaskCompletionSource<TOutput> _outcome = new();

    public Task<TOutput> Task => _outcome.Task;

    public override Task Awaited => Task;

    public override InstanceRecord ChildRecord() =>
        ChildRecord(definition => Runner.Serializer.Serialize(input, definition?.InputType ?? typeof(TInput), $"input of child workflow '{ChildInstanceId}'"));

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed)
        {
            Runner.Serializer.SetResultFrom(_outcome, entry.Result, $"result of child workflow '{ChildInstanceId}'");
            return;
        }
        var error = entry.Error ?? new WorkflowError("Unknown", "The child ended without a recorded error.", null);
        _outcome.SetException(error.IsCancellation
            ? new OperationCanceledException($"Child workflow '{ChildInstanceId}' of instance '{Runner.InstanceId}' ({Key.Id}) was cancelled: {error.Message}")
            : new ChildWorkflowException(Runner.InstanceId, Key.Id, ChildInstanceId, error));
    }
}
