namespace Workflows.Testing;

/// <summary>
/// An engine on the in-memory store for tests, on a <see cref="WorkflowTestClock"/> that jumps to the next due timer
/// whenever every instance only waits (for timers, events, children or a retry's backoff) and no step runs: a
/// workflow that sleeps 30 days, retries a step after an hour or waits 7 days for an event finishes in milliseconds.
/// Skipping can be turned off to move the clock by hand with <see cref="Clock"/>.
/// </summary>
public sealed class WorkflowTestEnvironment : IAsyncDisposable
{
    // How long the engine must have been still (in real time) before the clock moves: a client call that is about
    // to reach an instance (an event, a signal) gets there first.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Execution.StepReplacements _replacements;
    private readonly Task _skipping;
    private volatile bool _skipsTime = true;

    private WorkflowTestEnvironment(WorkflowEngine engine, WorkflowTestClock clock, Execution.StepReplacements replacements)
    {
        Engine = engine;
        _replacements = replacements;
        Clock = clock;
        _skipping = Task.Run(SkipTimeAsync);
    }

    /// <summary>The engine under test: its workflows are the ones the generator registered, plus any added in <c>configure</c>.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>The engine's client.</summary>
    public WorkflowClient Client => Engine.Client;

    /// <summary>The clock of workflow time.</summary>
    public WorkflowTestClock Clock { get; }

    /// <summary>
    /// Whether the clock jumps to the next due timer on its own when nothing can happen before it (default true).
    /// Turn it off to move <see cref="Clock"/> by hand.
    /// </summary>
    public bool SkipsTime
    {
        get => _skipsTime;
        set => _skipsTime = value;
    }

    /// <summary>
    /// Starts an environment: an in-memory engine on a test clock (starting at <paramref name="start"/>, or now) that
    /// keeps waiting instances in memory. <paramref name="configure"/> adds workflows or options; the store and the
    /// clock are the environment's.
    /// </summary>
    public static WorkflowTestEnvironment Create(Action<WorkflowEngineOptions>? configure = null, DateTimeOffset? start = null)
    {
        var clock = new WorkflowTestClock(start);
        var options = new WorkflowEngineOptions { EvictSuspendedAfter = null };
        configure?.Invoke(options);
        options.UseInMemory();
        options.TimeProvider = clock;
        var replacements = new Execution.StepReplacements();
        options.StepReplacements = replacements;
        return new WorkflowTestEnvironment(WorkflowEngine.Create(options), clock, replacements);
    }

    /// <summary>
    /// Runs <paramref name="replacement"/> instead of the body of every step named <paramref name="stepName"/>
    /// (<c>[Step(Name = …)]</c> or the method's name), from the next attempt on: the workflow, its operation IDs,
    /// retries and journal are unchanged. The replacement gets the attempt's <see cref="StepInfo"/> (instance,
    /// operation, attempt number) and token, not the step's arguments; throwing fails the attempt like the real step.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="stepName"/> is empty.</exception>
    public void ReplaceStep<TResult>(string stepName, Func<StepInfo, CancellationToken, Task<TResult>> replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(stepName);
        ArgumentNullException.ThrowIfNull(replacement);
        _replacements.Set(stepName, typeof(TResult), async (step, token) => await replacement(step, token).ConfigureAwait(false));
    }

    /// <summary>Runs <paramref name="replacement"/> instead of the body of every step named <paramref name="stepName"/> that returns no result.</summary>
    /// <inheritdoc cref="ReplaceStep{TResult}(string, Func{StepInfo, CancellationToken, Task{TResult}})" path="/exception"/>
    public void ReplaceStep(string stepName, Func<StepInfo, CancellationToken, Task> replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(stepName);
        ArgumentNullException.ThrowIfNull(replacement);
        _replacements.Set(stepName, null, async (step, token) =>
        {
            await replacement(step, token).ConfigureAwait(false);
            return null;
        });
    }

    /// <summary>Runs the real body of the steps named <paramref name="stepName"/> again, from their next attempt on.</summary>
    public void RestoreStep(string stepName) => _replacements.Remove(stepName);

    private async Task SkipTimeAsync()
    {
        var stillSince = (DateTime?)null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!_skipsTime || !Engine.WaitsOnTime || Clock.NextDue is not { } due)
            {
                stillSince = null;
                continue;
            }
            stillSince ??= DateTime.UtcNow;
            if (DateTime.UtcNow - stillSince < Settle) continue;
            Clock.AdvanceTo(due);
            stillSince = null;
        }
    }

    /// <summary>Stops skipping and disposes the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _skipping.ConfigureAwait(false);
        await Engine.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
