using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Workflows.Execution;

namespace Workflows;

/// <summary>
/// The durable API for workflow code. Inside a workflow every member is deterministic on replay; outside one
/// (in a step, a test, ordinary code) the members behave like their ordinary .NET counterparts.
/// </summary>
public static partial class Workflow
{
    /// <summary>Whether the calling code runs as workflow code of an instance.</summary>
    public static bool IsInWorkflow => WorkflowContext.Current is not null;

    /// <summary>The running instance's ID.</summary>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static string InstanceId => Require().InstanceId;

    /// <summary>The running execution number, from 1.</summary>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static int Execution => Require().Execution;

    /// <summary>Whether workflow code is re-executing recorded history (after a restart) rather than running live.</summary>
    public static bool IsReplaying => WorkflowContext.Current?.IsReplaying ?? false;

    /// <summary>
    /// Whether the execution has made <see cref="WorkflowEngineOptions.ContinueAsNewSuggestedAfter"/> durable calls (10,000
    /// by default) or more, so a long loop should end it with <see cref="ContinueAsNew{TInput}"/> to keep replays short.
    /// Counted in the code's own calls up to this point, so it answers the same on every replay. False outside a workflow.
    /// </summary>
    public static bool ContinueAsNewSuggested => WorkflowContext.Current?.ContinueAsNewSuggested ?? false;

    /// <summary>The current UTC time, recorded on first read and returned unchanged on replay.</summary>
    [DurableCall("Value", "$now")]
    public static DateTime UtcNow => WorkflowContext.Current?.UtcNow ?? DateTime.UtcNow;

    /// <summary>A new random <see cref="Guid"/>, recorded and returned unchanged on replay.</summary>
    [DurableCall("Value", "$guid")]
    public static Guid NewGuid() => WorkflowContext.Current?.NewGuid() ?? Guid.NewGuid();

    /// <summary>A random number generator whose seed is recorded, so it yields the same sequence on replay.</summary>
    [DurableCall("Value", "$random")]
    public static Random Random => WorkflowContext.Current?.Random ?? Random.Shared;

    /// <summary>A logger that stays silent while the instance replays, so each message is logged once.</summary>
    public static ILogger Logger => WorkflowContext.Current?.Logger ?? NullLogger.Instance;

    /// <summary>Signalled when the instance is asked to cancel; cancellation is recorded, so replay sees it at the same point.</summary>
    public static CancellationToken CancellationToken => WorkflowContext.Current?.CancellationToken ?? CancellationToken.None;

    /// <summary>Whether the calling code runs as a step called from a workflow.</summary>
    public static bool IsInStep => StepInfo.Current is not null;

    /// <summary>What the running step knows about itself, such as its idempotency key.</summary>
    /// <exception cref="InvalidOperationException">Called outside a step.</exception>
    public static StepInfo Step => StepInfo.Current
        ?? throw new InvalidOperationException("Workflow.Step is available only inside a step called from a workflow.");

    /// <summary>
    /// Runs <paramref name="body"/> as the durable step <paramref name="name"/>: at least once, retried per
    /// <paramref name="options"/>, its result journaled; on replay the recorded result (or failure) is returned
    /// without running it. Outside a workflow <paramref name="body"/> is simply called. Generated code calls this
    /// for every <see cref="StepAttribute"/> call site.
    /// </summary>
    /// <exception cref="StepFailedException">The step failed for good.</exception>
    public static Task<T> RunStepAsync<T>(string name, StepOptions? options, Func<CancellationToken, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = WorkflowContext.Current;
        if (context is not null) return context.RunStepAsync(name, options ?? StepOptions.Default, body);
        WorkflowContext.ThrowIfEscaped($"Step '{name}'");
        return body(CancellationToken.None);
    }

    /// <summary>Runs <paramref name="body"/> as the durable step <paramref name="name"/>, which has no result.</summary>
    /// <inheritdoc cref="RunStepAsync{T}(string, StepOptions?, Func{CancellationToken, Task{T}})" />
    public static Task RunStepAsync(string name, StepOptions? options, Func<CancellationToken, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = WorkflowContext.Current;
        if (context is null) WorkflowContext.ThrowIfEscaped($"Step '{name}'");
        return context is null
            ? body(CancellationToken.None)
            : context.RunStepAsync<NoResult?>(name, options ?? StepOptions.Default, async token =>
            {
                await body(token).ConfigureAwait(false);
                return null;
            });
    }

    /// <summary>
    /// Waits <paramref name="delay"/> durably: the due time is recorded when the timer is first set, so after a
    /// restart the workflow waits only for what remains, and a replay of a fired timer does not wait at all.
    /// Outside a workflow this is <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative or longer than ten years.</exception>
    /// <exception cref="OperationCanceledException">The instance was cancelled, or <paramref name="cancellationToken"/> fired, before the timer did.</exception>
    [DurableCall("Timer", "$timer")]
    public static Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var context = WorkflowContext.Current;
        if (context is not null) return context.DelayAsync(delay, cancellationToken);
        WorkflowContext.ThrowIfEscaped("Workflow.DelayAsync");
        return Task.Delay(delay, cancellationToken);
    }

    /// <summary>
    /// Waits for the external event <paramref name="name"/>, raised with <see cref="WorkflowClient.RaiseEventAsync{T}"/>,
    /// and returns its payload. Events raised before the wait are buffered, and waits take them in the order they
    /// were raised. The outcome is journaled, so replay returns the same payload without waiting.
    /// </summary>
    /// <param name="name">The event name.</param>
    /// <param name="timeout">How long to wait; null waits indefinitely. The deadline is recorded when the wait starts.</param>
    /// <param name="cancellationToken">
    /// Retires the wait when workflow code cancels it (a <see cref="CancellationTokenSource"/> of the workflow's own):
    /// the cancellation is journaled like an outcome, and the wait takes no event after it. A wait that lost a
    /// <c>Task.WhenAny</c> stays registered behind newer waits of its name (see <see cref="WhenAny(Task[])"/>); cancel it
    /// to release it completely.
    /// </param>
    /// <exception cref="EventTimeoutException">The timeout passed first.</exception>
    /// <exception cref="OperationCanceledException">The instance was cancelled, or <paramref name="cancellationToken"/> fired, before an event came.</exception>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    [DurableCall("Event", "$event")]
    public static Task<T> WaitForEventAsync<T>(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var context = WorkflowContext.Current;
        if (context is not null) return context.WaitForEventAsync<T>(name, timeout, cancellationToken);
        WorkflowContext.ThrowIfEscaped($"Workflow.WaitForEventAsync(\"{name}\")");
        throw new InvalidOperationException($"Workflow.WaitForEventAsync(\"{name}\") can only be awaited by workflow code: events are delivered to workflow instances.");
    }

    /// <summary>
    /// Runs <paramref name="body"/> (workflow code) as the scope <paramref name="name"/>: its operations get IDs under
    /// the scope's own, and once its outcome is recorded, replay returns it without replaying what ran inside.
    /// A virtual scope records nothing; its operations belong to the nearest non-virtual scope.
    /// </summary>
    /// <exception cref="ScopeFailedException">The body of a scope that is not virtual threw (live or, recorded, on replay); a virtual scope records nothing and lets the body's own exception through unchanged.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by body shape (with or without a result), chosen by the lambda; not versions of one method.")]
    [DurableCall("Scope", "$scope")]
    public static Task<T> ScopeAsync<T>(string name, Func<Task<T>> body, bool isVirtual = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var context = WorkflowContext.Current;
        if (context is not null) return context.RunScopeAsync(name, body, isVirtual);
        WorkflowContext.ThrowIfEscaped($"Scope '{name}'");
        return body();
    }

    /// <summary>Runs <paramref name="body"/>, which has no result, as the scope <paramref name="name"/>.</summary>
    /// <inheritdoc cref="ScopeAsync{T}(string, Func{Task{T}}, bool)" />
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by body shape (with or without a result), chosen by the lambda; not versions of one method.")]
    [DurableCall("Scope", "$scope")]
    public static Task ScopeAsync(string name, Func<Task> body, bool isVirtual = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ScopeAsync<NoResult?>(name, async () =>
        {
            await body().ConfigureAwait(true);
            return null;
        }, isVirtual);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every item as a durable fan-out. Each item is a scope <c>{fanOutId}[{i}]</c>
    /// whose outcome is recorded with its result, so after a restart finished items return their recorded results
    /// without replaying their inner operations, items that were running re-run from their start (their finished
    /// steps replay), and items not started yet are dispatched.
    /// </summary>
    /// <returns>Every item's status and value or error, in item order.</returns>
    /// <exception cref="BatchFailedException">More items failed (or were cancelled) than <paramref name="options"/> tolerate.</exception>
    [DurableCall("Map", "MapAsync")]
    public static async Task<BatchResult<TResult>> MapAsync<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, Task<TResult>> body, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(body);
        options ??= MapOptions.Default;
        IReadOnlyList<TItem> list = [.. items];
        var context = WorkflowContext.Current;
        if (context is not null) return await context.MapAsync("MapAsync", list, body, options).ConfigureAwait(true);
        WorkflowContext.ThrowIfEscaped("Workflow.MapAsync");
        options.Validate();
        var batch = new BatchState("MapAsync", null);
        var result = await FanOut.RunAsync(list.Count, options, batch, async index =>
        {
            batch.ThrowIfCanceled("(none)");
            return await body(list[index]).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return FanOut.Check(result, options, "(none)", "MapAsync");
    }

    /// <summary>Runs every branch as an item of a durable fan-out; see <see cref="MapAsync{TItem, TResult}"/>.</summary>
    /// <exception cref="BatchFailedException">More branches failed (or were cancelled) than <paramref name="options"/> tolerate.</exception>
    [DurableCall("Map", "ParallelAsync")]
    public static Task<BatchResult<T>> ParallelAsync<T>(IEnumerable<Func<Task<T>>> branches, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(branches);
        IReadOnlyList<Func<Task<T>>> list = [.. branches];
        var context = WorkflowContext.Current;
        if (context is not null) return context.MapAsync("ParallelAsync", list, branch => branch(), options ?? MapOptions.Default);
        return MapAsync(list, branch => branch(), options);
    }

    /// <summary>
    /// Runs the workflow <paramref name="workflowName"/> as a child of this instance and returns its result. The
    /// child is an instance of its own, with the ID <c>{parent}::sub::{execution}:{operationId}</c> unless
    /// <paramref name="instanceId"/> gives one; a parent resumed after a restart attaches to the child it started.
    /// Generated code calls this for every call of a <see cref="WorkflowAttribute"/> method from workflow code.
    /// </summary>
    /// <param name="workflowName">The child's registered workflow name.</param>
    /// <param name="input">The child's input.</param>
    /// <param name="instanceId">
    /// An explicit child ID, the escape hatch from derived IDs: it may contain the reserved markers, and must not
    /// be used by another instance (the call then fails fast).
    /// </param>
    /// <param name="parentClosePolicy">Whether the child is cancelled or terminated with this instance (the default) or runs on.</param>
    /// <exception cref="ChildWorkflowException">The child failed, was cancelled or terminated, or its ID is taken.</exception>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static Task<TOutput> RunChildWorkflowAsync<TInput, TOutput>(
        string workflowName, TInput input, [ChildInstanceId] string? instanceId = null, ParentClosePolicy parentClosePolicy = ParentClosePolicy.Propagate)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        var context = WorkflowContext.Current;
        if (context is not null) return context.RunChildAsync<TInput, TOutput>(workflowName, input, instanceId, parentClosePolicy);
        WorkflowContext.ThrowIfEscaped($"Child workflow '{workflowName}'");
        throw new InvalidOperationException($"Child workflow '{workflowName}' can only be started by workflow code; start it with WorkflowClient from elsewhere.");
    }

    /// <summary>
    /// Whether the durable call <paramref name="name"/> runs as a plain method call: outside workflow code, and in
    /// steps. Generated interceptors ask this before handing a call to the runtime.
    /// </summary>
    /// <exception cref="InvalidOperationException">Workflow code made the call off its instance's scheduler.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static bool CallsDirectly(string name)
    {
        if (WorkflowContext.Current is not null) return false;
        WorkflowContext.ThrowIfEscaped($"Durable call '{name}'");
        return true;
    }

    /// <summary>
    /// Ends this execution and starts the next one of the same instance with <paramref name="input"/>: throw what
    /// this returns (<c>throw Workflow.ContinueAsNew(next);</c>) from the workflow method. The new execution starts
    /// with an empty journal, so a long-running loop keeps its history short; the previous journal is kept, and
    /// events raised but not consumed are carried over. Call it from the workflow method, not from a scope or a
    /// fan-out item.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static ContinueAsNewException ContinueAsNew<TInput>(TInput input)
    {
        var context = Require();
        return new ContinueAsNewException(context.InstanceId, context.Execution, input);
    }

    private static WorkflowContext Require() => WorkflowContext.Current
        ?? throw new InvalidOperationException("This member of Workflow is available only in workflow code (a [Workflow] method run by a WorkflowEngine).");
}
