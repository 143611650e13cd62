using Workflows.Execution;

namespace Workflows;

/// <summary>
/// Answers queries: on the instance's live run in this engine, between two deliveries; otherwise (it left memory,
/// finished, runs on another worker, or its run ended while the query waited) on a replay of its stored journal.
/// </summary>
internal sealed class InstanceQueries(WorkflowEngine engine, WorkflowSet workflows)
{
    public async Task<object?> RunAsync(string instanceId, string queryName, WorkflowDefinition definition, Func<object?, object?> read, CancellationToken cancellationToken)
    {
        if (engine.TryGetRunner(instanceId, out var runner) && runner.HaltReason is null)
        {
            var query = new WorkItem.Query(read);
            if (runner.Driver.TryQueue(query))
            {
                try
                {
                    return await query.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (TaskCanceledException) when (query.Answer.Task.IsCanceled)
                {
                    // The run ended before it reached the query: its journal holds everything it did.
                }
            }
        }
        return await FromJournalAsync(instanceId, queryName, definition, read, cancellationToken).ConfigureAwait(false);
    }

    private async Task<object?> FromJournalAsync(string instanceId, string queryName, WorkflowDefinition definition, Func<object?, object?> read, CancellationToken cancellationToken)
    {
        var store = engine.Store;
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
        var journal = await store.LoadJournalAsync(instanceId, instance.Execution, cancellationToken).ConfigureAwait(false);
        var query = new WorkItem.Query(read);
        var runtime = engine.Runtime;
        var replay = await JournalReplay.RunAsync(instance, journal, definition, workflows, runtime.Serializer, runtime.LoggerFactory, runtime.Services,
            (replayed, result) =>
            {
                if (result.Error is null) replayed.Driver.Answer(query);
            }, runtime.ContinueAsNewSuggestedAfter).ConfigureAwait(false);
        if (replay.Error is { } error)
            throw new WorkflowException(
                $"Query '{queryName}' of workflow instance '{instanceId}' cannot be answered: the instance does not replay against the current code. {error.Message}", error);
        return await query.Answer.Task.ConfigureAwait(false);
    }
}
