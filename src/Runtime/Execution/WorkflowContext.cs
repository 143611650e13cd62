using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// The ambient state of one execution of one instance, set only while its workflow code runs on its scheduler:
/// assigns operation IDs, checks them against the journal, and hands operations to the runner.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Step threads may read the token after the instance ends; the source holds no unmanaged resources.")]
internal sealed partial class WorkflowContext
{
    [ThreadStatic] private static WorkflowContext? t_current;

    // Flows with the workflow's async continuations, so operations inside a child body nest under its call.
    private static readonly AsyncLocal<string?> s_scope = new();

    // The fan-out whose item this async flow runs in, if any: its cancellation stops the item's next durable call.
    private static readonly AsyncLocal<BatchState?> s_batch = new();

    // The instance whose workflow code this async flow belongs to, even when a continuation escaped its scheduler.
    private static readonly AsyncLocal<WorkflowContext?> s_owner = new();

    private readonly InstanceRunner _runner;
    private readonly ReplayJournal _journal;
    private readonly OperationIds _ids = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationTokenSource _stepCancellation = new();
    private Random? _random;

    public WorkflowContext(InstanceRunner runner, ReplayJournal journal, ILogger logger)
    {
        _runner = runner;
        _journal = journal;
        IsReplaying = journal.Deliveries.Count > 0;
        Logger = new ReplaySafeLogger(logger, this);
    }

    public static WorkflowContext? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public string InstanceId => _runner.InstanceId;

    public int Execution => _runner.Execution;

    public bool IsReplaying { get; set; }

    private int? _suggestedAt;

    /// <summary>
    /// Whether this execution has made enough durable calls that it should continue as new. Counted in the code's own
    /// calls; the count at which it first said yes live is recorded, so every replay agrees even under another threshold.
    /// </summary>
    public bool ContinueAsNewSuggested
    {
        get
        {
            _suggestedAt ??= _journal.Find(ContinueAsNewSuggestion) is { } recorded ? recorded.Attempts : null;
            if (_suggestedAt is { } at) return _ids.Assigned >= at;
            if (IsReplaying || _ids.Assigned < _runner.ContinueAsNewSuggestedAfter) return false;
            _suggestedAt = _ids.Assigned;
            _runner.Journal.BufferValue(ValueEntry(ContinueAsNewSuggestion, "$continue-as-new-suggested") with { Attempts = _ids.Assigned });
            return true;
        }
    }

    private const string ContinueAsNewSuggestion = OperationIds.ContinueAsNewSuggestion;

    public ILogger Logger { get; }

    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Cancelled with <see cref="CancellationToken"/>, but its callbacks run on the thread pool, so step code
    /// reacting to it never runs inline on the workflow's scheduler.</summary>
    public CancellationToken StepCancellationToken => _stepCancellation.Token;

    public string? CancellationReason { get; private set; }

    public bool CancellationRequested => _cancellation.IsCancellationRequested;

    private static string CurrentScope => s_scope.Value ?? "";

    /// <summary>Marks the async flow that starts <paramref name="context"/>'s workflow code, in its root scope.</summary>
    public static void EnterWorkflowCode(WorkflowContext context)
    {
        s_scope.Value = null;
        s_batch.Value = null;
        s_owner.Value = context;
    }

    /// <summary>Runs the rest of the calling async flow inside <paramref name="scopeId"/> (and fan-out item <paramref name="batch"/>).</summary>
    public static void EnterScope(string scopeId, BatchState? batch)
    {
        s_scope.Value = scopeId;
        s_batch.Value = batch;
    }

    private void ThrowIfBatchCanceled() => s_batch.Value?.ThrowIfCanceled(InstanceId);

    public Task<T> RunScopeAsync<T>(string name, Func<Task<T>> body, bool isVirtual)
    {
        WorkflowNames.Validate(name, "scope");
        ThrowIfBatchCanceled();
        if (isVirtual) return body(); // no record and no scope of its own: its operations belong to the enclosing scope
        var key = _ids.Next(CurrentScope, name);
        var scope = new PendingScope<T>(_runner, key, name, body, s_batch.Value);
        return _runner.Driver.Track(scope, Recorded(key, name)) ? scope.Task : new TaskCompletionSource<T>().Task;
    }

    public async Task<BatchResult<TResult>> MapAsync<TItem, TResult>(string name, IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> body, MapOptions options)
    {
        options.Validate();
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, name);
        var batch = new BatchState(key.Id, s_batch.Value);
        var fanOut = new PendingScope<BatchResult<TResult>>(_runner, key, name,
            () => FanOut.RunAsync(items.Count, options, batch, index => RunItemAsync(key, index, items[index], body, options, batch)), s_batch.Value);
        var result = await (_runner.Driver.Track(fanOut, Recorded(key, name)) ? fanOut.Task : new TaskCompletionSource<BatchResult<TResult>>().Task).ConfigureAwait(true);
        return FanOut.Check(result, options, InstanceId, key.Id);
    }

    private Task<TResult> RunItemAsync<TItem, TResult>(OperationKey fanOut, int index, TItem item, Func<TItem, Task<TResult>> body, MapOptions options, BatchState batch)
    {
        async Task<TResult> Body()
        {
            batch.ThrowIfCanceled(InstanceId); // a slot was free, but the batch may have failed meanwhile
            return await body(item).ConfigureAwait(true);
        }

        if (options.VirtualItems)
        {
            async Task<TResult> Virtual()
            {
                s_batch.Value = batch;
                return await Body().ConfigureAwait(true);
            }
            return Virtual();
        }
        var key = _ids.Item(fanOut.Id, index);
        var scope = new PendingScope<TResult>(_runner, key, "item", Body, batch);
        return _runner.Driver.Track(scope, Recorded(key, "item")) ? scope.Task : new TaskCompletionSource<TResult>().Task;
    }

    /// <summary>
    /// Fails a durable call made by workflow code that left its scheduler (after ConfigureAwait(false), in Task.Run,
    /// on another thread): run there, it would be neither ordered nor journaled. Steps may call steps: those run inline.
    /// </summary>
    public static void ThrowIfEscaped(string what)
    {
        QueryScope.ThrowIfInQuery(what);
        if (s_owner.Value is not { } owner || StepInfo.Current is not null) return;
        throw new InvalidOperationException(
            $"{what} was called by workflow instance '{owner.InstanceId}' ({owner._runner.WorkflowName}) off the instance's scheduler, so it cannot be durable. " +
            "This happens after 'await ... ConfigureAwait(false)', inside Task.Run or Parallel, or on a thread the workflow started. " +
            "Remove ConfigureAwait(false) from workflow code and call durable operations directly from the workflow method.");
    }

    /// <summary>
    /// Calls the child workflow <paramref name="name"/>: a separate instance, by default with the derived ID
    /// <c>{parent}::sub::{execution}:{opId}</c>, whose completion is delivered to this execution only.
    /// </summary>
    public Task<TOutput> RunChildAsync<TInput, TOutput>(string name, TInput input, string? instanceId, ParentClosePolicy parentClosePolicy)
    {
        WorkflowNames.Validate(name, "workflow");
        if (instanceId is not null) InstanceIds.ValidateShape(instanceId, nameof(instanceId));
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, name);
        var childId = instanceId ?? InstanceIds.DeriveChild(InstanceId, Execution, key.Id);
        var child = new PendingChild<TInput, TOutput>(_runner, key, name, childId, input, parentClosePolicy);
        return _runner.Driver.Track(child, Recorded(key, name)) ? child.Task : new TaskCompletionSource<TOutput>().Task;
    }

    /// <summary>Starts the child workflow <paramref name="name"/> and completes once it durably exists (see <see cref="PendingChildStart{TInput}"/>).</summary>
    public Task<ChildWorkflowHandle> StartChildAsync<TInput>(string name, TInput input, string? instanceId)
    {
        WorkflowNames.Validate(name, "workflow");
        if (instanceId is not null) InstanceIds.ValidateShape(instanceId, nameof(instanceId));
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, name);
        var childId = instanceId ?? InstanceIds.DeriveChild(InstanceId, Execution, key.Id);
        var start = new PendingChildStart<TInput>(_runner, key, name, childId, input);
        return _runner.Driver.Track(start, Recorded(key, name)) ? start.Task : new TaskCompletionSource<ChildWorkflowHandle>().Task;
    }

    public Task<T> RunStepAsync<T>(string name, StepOptions options, Func<CancellationToken, Task<T>> body)
    {
        WorkflowNames.Validate(name, "step");
        options.Validate(name);
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, name);
        var step = new PendingStep<T>(_runner, key, name, options, body);
        return _runner.Driver.Track(step, Recorded(key, name)) ? step.Task : new TaskCompletionSource<T>().Task;
    }

    public const string TimerName = "$timer";

    public const string EventName = "$event";

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay < TimeSpan.Zero || delay > MaxDelay)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"A durable timer's delay must be between zero and {MaxDelay.TotalDays:0} days.");
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, TimerName);
        var timer = new PendingTimer(_runner, key, delay, cancellationToken);
        return _runner.Driver.Track(timer, Recorded(key, TimerName)) ? timer.Task : new TaskCompletionSource().Task;
    }

    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(3650);

    public Task<T> WaitForEventAsync<T>(string name, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        WorkflowNames.Validate(name, "event");
        if (timeout is { } limit && (limit < TimeSpan.Zero || limit > MaxDelay))
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, $"An event wait's timeout must be between zero and {MaxDelay.TotalDays:0} days.");
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, EventName);
        var wait = new PendingEventWait<T>(_runner, key, name, timeout, cancellationToken);
        return _runner.Driver.Track(wait, Recorded(key, EventName)) ? wait.Task : new TaskCompletionSource<T>().Task;
    }

    public DateTime UtcNow => RecordValue("$now", () => _runner.UtcNow);

    public Guid NewGuid() => RecordValue("$guid", static () => Guid.NewGuid());

    public Random Random => _random ??= new Random(RecordValue("$random", static () => Random.Shared.Next()));

    public void ApplyCancellation(string? reason)
    {
        if (_cancellation.IsCancellationRequested) return;
        CancellationReason = reason;
        _cancellation.Cancel();
        _ = _stepCancellation.CancelAsync();
        _runner.Children.End(terminate: false, reason);
    }

    private T RecordValue<T>(string name, Func<T> produce)
    {
        var key = _ids.Next(CurrentScope, name);
        var recorded = Recorded(key, name);
        var what = $"value '{key.Id}' of workflow instance '{InstanceId}'";
        if (recorded is { Status: JournalEntryStatus.Completed }) return _runner.Serializer.Deserialize<T>(recorded.Result, what);

        var value = produce();
        _runner.Journal.BufferValue(ValueEntry(key.Id, name) with
        {
            Scope = key.Scope,
            Sequence = key.Sequence,
            Result = _runner.Serializer.Serialize(value, what),
        });
        return value;
    }

    /// <summary>A completed value record of this execution, written with the instance's next commit once buffered.</summary>
    private JournalEntry ValueEntry(string operationId, string name) => new()
    {
        InstanceId = InstanceId,
        Execution = Execution,
        OperationId = operationId,
        Kind = JournalEntryKind.Value,
        Name = name,
        Scope = "",
        Status = JournalEntryStatus.Completed,
        Attempts = 1,
        RecordedAt = DateTime.UtcNow,
    };

    /// <summary>The journal entry of this operation; halts the instance when another operation holds its position.</summary>
    private JournalEntry? Recorded(OperationKey key, string name)
    {
        var atPosition = _journal.AtPosition(key.Scope, key.Sequence);
        if (atPosition is not null && atPosition.OperationId != key.Id)
        {
            var scope = key.Scope.Length == 0 ? "the workflow body" : $"scope '{key.Scope}'";
            _runner.Halt(new NondeterminismException(InstanceId, atPosition.OperationId, key.Id,
                $"Workflow instance '{InstanceId}' ({_runner.WorkflowName}, execution {Execution}) no longer matches its journal: " +
                $"operation {key.Sequence} of {scope} was '{atPosition.OperationId}' ({atPosition.Name}), but the code now schedules '{key.Id}' ({name}). " +
                "The instance was left as it is: restore the previous sequence of durable calls (or let old instances finish before deploying the change) and restart to resume it."));
            return null;
        }
        // An entry is indexed by its position and by its ID: the position's entry is the ID's entry, one lookup less.
        return atPosition ?? _journal.Find(key.Id);
    }
}
