namespace Workflows.Execution;

/// <summary>
/// The fan-out algorithm, run as workflow code: starts items up to the concurrency limit in item order, starts the
/// next one each time one finishes, and on a failure beyond the tolerance (fail-fast) or once enough items succeeded
/// (early completion) cancels the batch, so items not started yet are recorded as cancelled and running ones stop at
/// their next durable call. Every decision
/// depends only on the order item outcomes are delivered, which replay reproduces.
/// </summary>
internal static class FanOut
{
    public static async Task<BatchResult<TResult>> RunAsync<TResult>(int count, MapOptions options, BatchState batch, Func<int, Task<TResult>> runItem)
    {
        var items = new BatchItem<TResult>[count];
        var failed = 0;
        var succeeded = 0;
        var inFlight = 0;
        var limit = options.MaxConcurrency ?? Math.Max(count, 1);
        TaskCompletionSource? slotFreed = null;

        async Task RunOneAsync(int index)
        {
            try
            {
                items[index] = new BatchItem<TResult>(index, BatchItemStatus.Succeeded, await runItem(index).ConfigureAwait(true), null);
                if (options.CompletedEarly(++succeeded)) batch.Cancel($"{succeeded} item(s) succeeded, so the fan-out completed early");
            }
            catch (Exception ex)
            {
                if (ex is OperationCanceledException && batch.IsCanceled)
                {
                    items[index] = new BatchItem<TResult>(index, BatchItemStatus.Canceled, default, WorkflowError.From(ex));
                    return;
                }
                var error = ex is ScopeFailedException scope ? scope.Error : WorkflowError.From(ex);
                items[index] = new BatchItem<TResult>(index, BatchItemStatus.Failed, default, error);
                failed++;
                if (options.FailureMode == BatchFailureMode.FailFast && !options.Tolerates(failed, count))
                    batch.Cancel($"item {index} failed ({error.Type}: {error.Message})");
            }
            finally
            {
                inFlight--;
                slotFreed?.TrySetResult();
            }
        }

        // A slot is waited for with one signal, not Task.WhenAny over the running items: each completion costs
        // O(1), so a fan-out of n items costs O(n), live and on replay. The end is waited for the same way rather
        // than with Task.WhenAll, which would keep every finished item's task (and its state) alive until the last
        // one finishes. RunOneAsync records every outcome itself and never faults.
        for (var next = 0; next < count; next++)
        {
            await SlotsBelowAsync(limit).ConfigureAwait(true);
            inFlight++;
            _ = RunOneAsync(next);
        }
        await SlotsBelowAsync(1).ConfigureAwait(true);
        return new BatchResult<TResult>(items);

        async Task SlotsBelowAsync(int bound)
        {
            while (inFlight >= bound)
            {
                slotFreed = new TaskCompletionSource();
                await slotFreed.Task.ConfigureAwait(true);
            }
        }
    }

    /// <summary>Throws <see cref="BatchFailedException"/> when the outcome is outside the options' tolerance.</summary>
    public static BatchResult<T> Check<T>(BatchResult<T> result, MapOptions options, string instanceId, string operationId)
    {
        var total = result.Items.Count;
        var succeeded = result.SucceededCount;
        var ok = options.Tolerates(result.FailedCount, total)
            && (result.CanceledCount == 0 || options.CompletedEarly(succeeded))
            && succeeded >= (options.MinSuccessful ?? 0);
        return ok ? result : throw new BatchFailedException(instanceId, operationId, [.. result.Items.Select(i => (i.Index, i.Status, i.Error))]);
    }
}
