using System.Collections.Concurrent;
using Workflows.Storage;

namespace Workflows;

/// <summary>The callers of this engine waiting for updates' results, completed as the runners here deliver them.</summary>
internal sealed class UpdateWaiters
{
    private readonly ConcurrentDictionary<(string InstanceId, string UpdateId), TaskCompletionSource<JournalEntry>> _waiting = new();

    /// <summary>Registers a wait before the update is sent, so its result cannot be missed.</summary>
    public Task<JournalEntry> Register(string instanceId, string updateId) =>
        _waiting.GetOrAdd((instanceId, updateId), _ => new TaskCompletionSource<JournalEntry>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string instanceId, string updateId) => _waiting.TryRemove((instanceId, updateId), out _);

    public void Finished(string instanceId, string updateId, JournalEntry outcome)
    {
        if (_waiting.TryRemove((instanceId, updateId), out var waiter)) waiter.TrySetResult(outcome);
    }
}
