namespace Workflows;

/// <summary>
/// Starts workflow instances, queries, waits for, cancels, terminates and purges them. The generated typed clients
/// (<c>Start{Workflow}Async</c>, <c>Run{Workflow}Async</c>) are extension methods on this interface; with hosting it
/// is the service to inject.
/// </summary>
public interface IWorkflowClient : IWorkflowInspector
{
    /// <summary>
    /// Starts the workflow <paramref name="workflowName"/> with <paramref name="input"/>. Returns once the instance
    /// is durably recorded: from then on it runs to completion, across restarts. With
    /// <see cref="WorkflowIdReusePolicy.UseExisting"/> or <see cref="WorkflowIdReusePolicy.UseRunning"/> a taken ID
    /// returns the handle of the instance that holds it (start-or-attach); <see cref="StartWorkflowOptions.Event"/> is
    /// stored with the new instance or delivered to the attached one (signal-with-start).
    /// </summary>
    /// <exception cref="ArgumentException">The instance ID is invalid or reserved, or the types do not match the workflow.</exception>
    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    /// <exception cref="WorkflowInstanceExistsException">The instance ID is taken (see <see cref="StartWorkflowOptions.IdReusePolicy"/>), or held by another workflow.</exception>
    /// <exception cref="WorkflowException">The start attaches to a finished instance and carries an event, which cannot be delivered.</exception>
    /// <exception cref="PayloadException">The input does not serialize or is too large.</exception>
    Task<WorkflowHandle<TOutput>> StartAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Starts the workflow and waits for its result.</summary>
    /// <inheritdoc cref="StartAsync{TInput, TOutput}" />
    Task<TOutput> RunAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A handle on an existing instance whose result is a <typeparamref name="TOutput"/>.</summary>
    WorkflowHandle<TOutput> GetHandle<TOutput>(string instanceId);

    /// <summary>Every instance, or those in <paramref name="status"/>, oldest first.</summary>
    Task<IReadOnlyList<WorkflowInstanceInfo>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance reaches a terminal status and returns its final state.</summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="NondeterminismException">The instance cannot replay against the current code.</exception>
    /// <exception cref="WorkflowException">The instance cannot make progress in this engine; the message says why.</exception>
    Task<WorkflowInstanceInfo> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Waits for the instance to finish and returns its result as a <typeparamref name="TOutput"/>.</summary>
    /// <exception cref="WorkflowFailedException">The workflow threw.</exception>
    /// <exception cref="WorkflowCanceledException">The workflow was cancelled.</exception>
    /// <exception cref="WorkflowTerminatedException">The workflow was terminated.</exception>
    Task<TOutput> GetResultAsync<TOutput>(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the instance to cancel. The request is stored durably, then delivered to the workflow as
    /// <see cref="Workflow.CancellationToken"/> and to the steps running at that moment; the workflow decides how
    /// to wind down, and steps it schedules afterwards (its cleanup) run normally. An instance that lets the
    /// <see cref="OperationCanceledException"/> escape ends <see cref="WorkflowStatus.Canceled"/>.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    Task CancelAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the instance at once with status <see cref="WorkflowStatus.Terminated"/>: its workflow code stops,
    /// running steps are signalled to cancel and their results are discarded.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    Task TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Suspends the instance: stored durably with <paramref name="reason"/> as status
    /// <see cref="WorkflowStatus.Suspended"/>, after which no engine runs it until <see cref="ResumeAsync"/>. Its steps in
    /// flight are cancelled and run again after it resumes (at least once, as after a restart); timers that fall due
    /// meanwhile fire once it resumes; events, signals, updates and cancellations sent meanwhile are stored and taken
    /// then; its children run on. Suspending a suspended instance does nothing.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes a suspended instance where it stopped (replaying its journal). Resuming a running instance does nothing.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    Task ResumeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the instance again from <paramref name="operationId"/>: a new execution that replays the outcomes recorded
    /// before that operation's (and the durable values read before it) and runs live from it. The execution it replaces
    /// stays in the history. Steps from that point run again, timers start over, children start again under new IDs,
    /// and events or signals the old execution took after that point are not taken again.
    /// </summary>
    /// <param name="instanceId">An instance that has ended, or is suspended.</param>
    /// <param name="operationId">An operation ID of its current execution's journal (see its history).</param>
    /// <param name="reason">Why, kept with the new execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">The journal has no such operation.</exception>
    /// <exception cref="InvalidOperationException">The instance is running and not suspended.</exception>
    Task ResetAsync(string instanceId, string operationId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts <paramref name="newInstanceId"/> as a copy of the instance up to <paramref name="fromOperationId"/>: same
    /// workflow and input, the outcomes recorded before that operation's replayed, everything from it run live. The
    /// source instance is not touched.
    /// </summary>
    /// <param name="instanceId">The instance to copy: ended, or suspended.</param>
    /// <param name="fromOperationId">An operation ID of its current execution's journal: the first to run again.</param>
    /// <param name="newInstanceId">The ID of the new instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowInstanceExistsException"><paramref name="newInstanceId"/> is taken.</exception>
    /// <exception cref="ArgumentException">The journal has no such operation, or the new ID is not valid.</exception>
    /// <exception cref="InvalidOperationException">The instance is running and not suspended.</exception>
    Task ForkAsync(string instanceId, string fromOperationId, string newInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a failed instance again from the operation whose failure ended it (the last one recorded as failed), with
    /// everything before it replayed, as <see cref="ResetAsync"/> does; when none failed (the workflow code threw by
    /// itself), from the end of its journal, so the fixed code runs on from there.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidOperationException">The instance did not fail.</exception>
    Task RetryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises the event <paramref name="eventName"/> for the instance. Returns once the event is durably stored; the
    /// instance receives it at its next <see cref="Workflow.WaitForEventAsync{T}(string, TimeSpan?, CancellationToken)"/> for that name
    /// (now, or after it resumes), each event exactly once, in the order raised.
    /// </summary>
    /// <exception cref="ArgumentException">The event name is empty or contains a reserved character.</exception>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    /// <exception cref="PayloadException">The payload does not serialize or is too large.</exception>
    Task RaiseEventAsync<T>(string instanceId, string eventName, T payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the signal <paramref name="signalName"/> (a <see cref="SignalAttribute"/> handler of the workflow's class)
    /// with <paramref name="args"/>. Returns once it is durably stored; the instance takes its signals in the order
    /// sent, each exactly once, journals each and invokes its handler (now, or after it resumes). The generated
    /// <c>Signal{Name}Async</c> methods call this.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">The workflow has no such signal, or the arguments do not fit it.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    /// <exception cref="PayloadException">An argument does not serialize or is too large.</exception>
    Task SignalAsync(string instanceId, string signalName, IReadOnlyList<object?>? args = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the update <paramref name="updateName"/> (an <see cref="UpdateAttribute"/> method of the workflow's
    /// class) and waits for its result. Its validator, if any, runs first against the instance's current state and
    /// may reject it before anything is written; then the request is stored, accepted by the instance in arrival order
    /// (journaled), and run as workflow code whose result is journaled before it is returned. Pass
    /// <paramref name="updateId"/> to make the request idempotent: sent again with the same ID (after a restart of
    /// the caller), nothing new is sent and the one recorded result is returned. The generated
    /// <c>Update{Name}Async</c> methods call this.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">The workflow has no such update, or the arguments or result type do not fit it.</exception>
    /// <exception cref="WorkflowUpdateRejectedException">The validator rejected the request; nothing was written.</exception>
    /// <exception cref="WorkflowUpdateFailedException">The handler threw, or the instance ended before the update finished.</exception>
    /// <exception cref="WorkflowException">The instance already finished, or cannot make progress in this engine.</exception>
    Task<TResult> UpdateAsync<TResult>(
        string instanceId, string updateName, IReadOnlyList<object?>? args = null, string? updateId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Update-with-start: starts the workflow (or, with <see cref="WorkflowIdReusePolicy.UseExisting"/> or
    /// <see cref="WorkflowIdReusePolicy.UseRunning"/>, attaches to the instance holding the ID) with the update
    /// <paramref name="updateName"/> stored in the same commit that creates it, or delivered to the attached instance,
    /// and waits for the update's result. <c>options.InstanceId</c> is required. The update's validator does not run:
    /// the request comes with the start. <paramref name="updateId"/> makes it idempotent as in
    /// <see cref="UpdateAsync{TResult}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No instance ID, no such update, or the types do not fit.</exception>
    /// <exception cref="WorkflowInstanceExistsException">The ID is taken and the reuse policy does not attach, or it is held by another workflow.</exception>
    /// <exception cref="WorkflowUpdateFailedException">The handler threw, or the instance ended before the update finished.</exception>
    /// <exception cref="WorkflowException">The start attaches to a finished instance, which cannot take the update.</exception>
    Task<TResult> UpdateWithStartAsync<TInput, TResult>(
        string workflowName, TInput input, string updateName, IReadOnlyList<object?>? args = null, StartWorkflowOptions? options = null,
        string? updateId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the query <paramref name="queryName"/> (a <see cref="QueryAttribute"/> method of the workflow's class)
    /// with <paramref name="args"/> and returns its answer, copied. It runs on the instance's own scheduler between two
    /// deliveries when the instance is live in this engine, and otherwise on a replay of its journal (an instance that
    /// left memory, finished, or runs on another worker); it writes nothing. The generated
    /// <c>Query{Name}Async</c> methods call this.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">The workflow has no such query, or the arguments or result type do not fit it.</exception>
    /// <exception cref="WorkflowException">The query threw (the inner exception), or the instance does not replay against the current code.</exception>
    Task<TResult> QueryAsync<TResult>(string instanceId, string queryName, IReadOnlyList<object?>? args = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes finished instances (their records, journals and inboxes) that ended more than
    /// <paramref name="olderThan"/> ago, only those in <paramref name="status"/> when given. Running instances are
    /// never purged. Returns how many were deleted.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="WorkflowStatus.Running"/>.</exception>
    Task<int> PurgeAsync(TimeSpan olderThan, WorkflowStatus? status = null, CancellationToken cancellationToken = default);
}
