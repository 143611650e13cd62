using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>An execution's journal indexed for replay: by operation ID, by scheduling position, and in delivery order.</summary>
internal sealed class ReplayJournal
{
    private readonly Dictionary<string, JournalEntry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, int Sequence), JournalEntry> _byPosition = [];

    public ReplayJournal(IEnumerable<JournalEntry> entries)
    {
        var deliveries = new List<JournalEntry>();
        foreach (var entry in entries)
        {
            _byId[entry.OperationId] = entry;
            All.Add(entry);
            if (entry.Sequence > 0) _byPosition[(entry.Scope, entry.Sequence)] = entry;
            if (entry.CompletionIndex > 0) deliveries.Add(entry);
        }
        deliveries.Sort((a, b) => a.CompletionIndex.CompareTo(b.CompletionIndex));
        Deliveries = deliveries;
        LastCompletionIndex = deliveries.Count == 0 ? 0 : deliveries[^1].CompletionIndex;
    }

    /// <summary>Every entry, as loaded.</summary>
    public List<JournalEntry> All { get; } = [];

    /// <summary>Recorded outcomes in the order workflow code received them.</summary>
    public IReadOnlyList<JournalEntry> Deliveries { get; }

    public long LastCompletionIndex { get; }

    public JournalEntry? Find(string operationId) => _byId.GetValueOrDefault(operationId);

    public JournalEntry? AtPosition(string scope, int sequence) => _byPosition.GetValueOrDefault((scope, sequence));
}
