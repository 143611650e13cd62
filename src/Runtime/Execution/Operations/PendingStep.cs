using System.Diagnostics;
using Workflows.Diagnostics;
using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>A step call: runs its body on the thread pool with retries, and journals the outcome through the runner.</summary>
internal sealed class PendingStep<T>(
    InstanceRunner runner, OperationKey key, string name, StepOptions options, Func<CancellationToken, Task<T>> body)
    : PendingOperation(key, name), IRetryWait, IStepAttempts
{
    private volatile bool _waitingToRetry;

    // Completed only from the instance's scheduler, so continuations stay on it.
    private readonly TaskCompletionSource<T> _outcome = new();
    private StepHeartbeats? _heartbeats;

    public Task<T> Task => _outcome.Task;

    public bool IsWaitingToRetry => _waitingToRetry;

    public override Task Awaited => Task;

    public int MaxAttempts => options.MaxAttempts;

    private string What => $"result of step '{Key.Id}' in workflow instance '{runner.InstanceId}'";

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed)
        {
            runner.Serializer.SetResultFrom(_outcome, entry.Result, this, static pending => pending.What);
            return;
        }

        var error = entry.Error ?? new WorkflowError("Unknown", "The step failed without a recorded error.", null);
        _outcome.SetException(error.IsCancellation
            ? new OperationCanceledException($"Step '{Key.Id}' of workflow instance '{runner.InstanceId}' was cancelled: {error.Message}")
            : new StepFailedException(runner.InstanceId, Key.Id, entry.Attempts, error));
    }

    public override void Start(JournalEntry? recorded)
    {
        // Decided here, on the workflow's scheduler, not on the step thread: a step scheduled after the
        // cancellation was delivered is the workflow's own cleanup and runs uncancelled.
        var workflowCanceled = runner.Context.CancellationRequested ? CancellationToken.None : runner.Context.StepCancellationToken;
        _heartbeats = new StepHeartbeats(runner, this, recorded is { Status: JournalEntryStatus.Retrying } ? recorded.Result : null);
        System.Threading.Tasks.Task.Run(() => RunAsync(recorded?.Attempts ?? 0, recorded?.NextAttemptAt, recorded?.Error, workflowCanceled));
    }

    private async Task RunAsync(int failedAttempts, DateTime? notBefore, WorkflowError? lastFailure, CancellationToken workflowCanceled)
    {
        if (await RunAttemptsAsync(failedAttempts, notBefore, lastFailure, workflowCanceled).ConfigureAwait(false) is not { } outcome) return;
        _heartbeats!.Finish();
        try
        {
            // Recorded after the last attempt released its span and concurrency slot: the write, which may wait for a
            // disk sync, is not counted in them. A draining engine waits for it.
            runner.Journal.RecordOutcome(this, outcome.Status, outcome.Result, outcome.Error, outcome.Attempts);
        }
        finally
        {
            runner.Steps.Settle();
        }
    }

    /// <summary>
    /// One attempt, cut off after the step's timeout or when it goes silent past its heartbeat timeout: its token is
    /// cancelled and its result, if any comes, ignored.
    /// </summary>
    private async Task<T> RunAttemptAsync(int attempt, CancellationToken token)
    {
        var run = runner.Replacements?.For<T>(Name, Key.Id, runner.InstanceId) ?? body;
        if (options.Timeout is null && options.HeartbeatTimeout is null) return await run(token).ConfigureAwait(false);
        using var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (options.HeartbeatTimeout is { } silence) _heartbeats!.Watch(attemptSource, silence);
        var running = run(attemptSource.Token);
        try
        {
            return options.Timeout is { } timeout
                ? await running.WaitAsync(timeout, runner.Time, attemptSource.Token).ConfigureAwait(false)
                : await running.WaitAsync(attemptSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled (the instance, or the engine stopping): the wait ends at once, and the body must hear of it
            // before the linked source is disposed, which would otherwise cut it off from the cancellation.
            await attemptSource.CancelAsync().ConfigureAwait(false);
            Observe(running);
            throw;
        }
        catch (OperationCanceledException) when (attemptSource.IsCancellationRequested)
        {
            Observe(running);
            throw new TimeoutException($"Attempt {attempt} of step '{Key.Id}' in workflow instance '{runner.InstanceId}' sent no heartbeat for {options.HeartbeatTimeout}.");
        }
        catch (TimeoutException)
        {
            await attemptSource.CancelAsync().ConfigureAwait(false);
            Observe(running);
            throw new TimeoutException($"Attempt {attempt} of step '{Key.Id}' in workflow instance '{runner.InstanceId}' did not finish within {options.Timeout}.");
        }
        finally
        {
            _heartbeats!.Unwatch();
        }
    }

    private static void Observe(Task running) =>
        _ = running.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Runs attempts until one succeeds or the step gives up; null when the engine stops first (the step runs again on
    /// resume). An outcome is returned still in flight: the caller settles it with the gate once it is recorded.
    /// </summary>
    private async Task<StepOutcome?> RunAttemptsAsync(int failedAttempts, DateTime? notBefore, WorkflowError? lastFailure, CancellationToken workflowCanceled)
    {
        var stopping = runner.StopToken;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, workflowCanceled);
        while (!stopping.IsCancellationRequested)
        {
            if (notBefore is { } due && due > runner.UtcNow)
            {
                _waitingToRetry = true;
                runner.Driver.Wake(); // it now waits only for time
                try { await System.Threading.Tasks.Task.Delay(due - runner.UtcNow, runner.Time, stopping).ConfigureAwait(false); }
                catch (OperationCanceledException) { return null; }
                finally { _waitingToRetry = false; }
            }

            var attempt = failedAttempts + 1;
            if (!await runner.Steps.EnterAsync(stopping).ConfigureAwait(false)) return null; // Draining: it runs when the instance resumes.
            using var activity = WorkflowDiagnostics.Source.StartActivity($"step {Name}", ActivityKind.Internal);
            activity?.SetTag("workflow.instance_id", runner.InstanceId);
            activity?.SetTag("workflow.operation_id", Key.Id);
            activity?.SetTag("workflow.step.attempt", attempt);
            using var logScope = runner.Logger.BeginScope(LogScope.ForOperation(Key.Id, attempt));
            StepInfo.Current = new StepInfo(runner.InstanceId, Key.Id, Name, attempt, _heartbeats!.ForAttempt(attempt));
            var started = Stopwatch.GetTimestamp();
            var attemptStartedAt = DateTime.UtcNow;
            Exception failure;
            try
            {
                var value = await RunAttemptAsync(attempt, linked.Token).ConfigureAwait(false);
                string? json;
                try
                {
                    json = runner.Serializer.Serialize(value, What);
                }
                catch (PayloadException ex)
                {
                    WorkflowMetrics.StepAttempted(runner.WorkflowName, "failed", Stopwatch.GetElapsedTime(started));
                    return new StepOutcome(JournalEntryStatus.Failed, null, WorkflowError.From(ex), attempt);
                }
                WorkflowMetrics.StepAttempted(runner.WorkflowName, "completed", Stopwatch.GetElapsedTime(started));
                // A completed step keeps the error of its last failed attempt, so its history shows why it was retried.
                return new StepOutcome(JournalEntryStatus.Completed, json, lastFailure, attempt);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                runner.Steps.Settle();
                return null; // The engine is stopping: not a failure; the step runs again when the instance resumes.
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                StepInfo.Current = null;
                runner.Steps.ReleaseSlot();
            }

            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            var canceled = failure is OperationCanceledException && workflowCanceled.IsCancellationRequested;
            var givesUp = canceled || attempt >= options.MaxAttempts || !options.IsRetryable(failure);
            WorkflowMetrics.StepAttempted(runner.WorkflowName, givesUp ? "failed" : "retrying", Stopwatch.GetElapsedTime(started));
            if (givesUp)
            {
                _heartbeats!.Finish();
                Log.StepFailed(runner.Logger, failure, Key.Id, runner.InstanceId, attempt);
                return new StepOutcome(JournalEntryStatus.Failed, null, WorkflowError.From(failure), attempt);
            }

            failedAttempts = attempt;
            notBefore = runner.UtcNow + options.GetBackoff(failedAttempts);
            Log.StepRetrying(runner.Logger, failure, Key.Id, runner.InstanceId, attempt, notBefore.Value);
            lastFailure = WorkflowError.From(failure);
            var retry = runner.Journal.RetryEntry(this, failedAttempts, notBefore.Value, lastFailure, _heartbeats!.Latest);
            var retryRecorded = await runner.Journal.RecordRetryAsync(retry, attemptStartedAt).ConfigureAwait(false);
            runner.Steps.Settle();
            if (!retryRecorded) return null;
        }
        return null;
    }

    private readonly record struct StepOutcome(JournalEntryStatus Status, string? Result, WorkflowError? Error, int Attempts);
}
