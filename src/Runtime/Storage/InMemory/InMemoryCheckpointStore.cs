namespace Workflows.Storage.InMemory;

/// <summary>A checkpoint store that keeps everything in memory: for tests and throwaway runs, not durable.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<(string InstanceId, int Execution), Dictionary<string, JournalEntry>> _journals = [];
    private readonly Dictionary<string, List<InboxMessage>> _inboxes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        lock (_gate)
        {
            var purges = StorePreconditions.Check(mutations, id => _instances.GetValueOrDefault(id));
            foreach (var id in purges) Purge(id);
            foreach (var mutation in mutations) Apply(mutation);
        }
        return Task.CompletedTask;
    }

    private void Apply(StoreMutation mutation)
    {
        switch (mutation)
        {
            case CreateInstance create:
                _instances[create.Instance.InstanceId] = create.Instance;
                break;
            case UpdateInstance update:
                _instances[update.Instance.InstanceId] = update.Instance;
                break;
            case PutJournalEntry put:
                var key = (put.Entry.InstanceId, put.Entry.Execution);
                if (!_journals.TryGetValue(key, out var journal)) _journals[key] = journal = new(StringComparer.Ordinal);
                journal[put.Entry.OperationId] = put.Entry;
                break;
            case PutInboxMessage message:
                if (!_inboxes.TryGetValue(message.Message.InstanceId, out var inbox)) _inboxes[message.Message.InstanceId] = inbox = [];
                inbox.Add(message.Message);
                break;
            case DeleteInboxMessage delete:
                if (_inboxes.TryGetValue(delete.InstanceId, out var messages)) messages.RemoveAll(m => m.MessageId == delete.MessageId);
                break;
            case DeleteJournal deleteJournal:
                _journals.Remove((deleteJournal.InstanceId, deleteJournal.Execution));
                break;
            case PurgeInstance:
                break; // Purged before the mutations were applied.
            default:
                throw new NotSupportedException($"Unknown store mutation {mutation.GetType().Name}.");
        }
    }

    private void Purge(string instanceId)
    {
        _instances.Remove(instanceId);
        _inboxes.Remove(instanceId);
        foreach (var key in _journals.Keys.Where(k => k.InstanceId == instanceId).ToList()) _journals.Remove(key);
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_instances.GetValueOrDefault(instanceId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InstanceRecord> list = _instances.Values
                .Where(i => status is null || i.Status == status)
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> entries = _journals.TryGetValue((instanceId, execution), out var journal) ? journal.Values.ToList() : [];
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InboxMessage> messages = _inboxes.TryGetValue(instanceId, out var inbox) ? inbox.OrderBy(m => m.ReceivedAt).ToList() : [];
            return Task.FromResult(messages);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
