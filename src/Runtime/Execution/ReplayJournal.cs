using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>An execution's journal indexed for replay: by operation ID, by scheduling position, and in delivery order.</summary>
internal sealed class ReplayJournal
{
    private readonly Dictionary<string, JournalEntry> _byId = new(StringComparer.Ordinal);
    // A key struct of its own: a (string, int) tuple key runs the runtime's shared generic code for reference types,
    // several times slower per lookup, and a replay looks up every operation it schedules.
    private readonly Dictionary<Position, JournalEntry> _byPosition = [];

    public ReplayJournal(IEnumerable<JournalEntry> entries)
    {
        // Sized up front: a journal of a large fan-out would otherwise regrow these tables (large-object heap arrays) many times.
        var count = entries.TryGetNonEnumeratedCount(out var known) ? known : 0;
        _byId.EnsureCapacity(count);
        _byPosition.EnsureCapacity(count);
        All.Capacity = count;
        var deliveries = new List<JournalEntry>(count);
        var finishedScopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byId[entry.OperationId] = entry;
            All.Add(entry);
            if (entry.Sequence > 0) _byPosition[new Position(entry.Scope, entry.Sequence)] = entry;
            // An update's run is replayed in full: what it did to the workflow's state is part of what replay rebuilds.
            if (entry.Kind == JournalEntryKind.Scope && entry.Status != JournalEntryStatus.Retrying && !Identity.OperationIds.IsUpdateRun(entry.OperationId, entry.Scope))
                finishedScopes.Add(entry.OperationId);
        }
        // A finished scope's outcome is replayed as one delivery; what happened inside it is not replayed.
        foreach (var entry in All)
        {
            if (entry.CompletionIndex > 0 && !InsideAny(entry.Scope, finishedScopes)) deliveries.Add(entry);
        }
        Deliveries = InCompletionOrder(deliveries);
        LastCompletionIndex = deliveries.Count == 0 ? 0 : deliveries[^1].CompletionIndex;
    }

    /// <summary>
    /// Orders outcomes by completion index. Indexes are dense from 1 in a journal the runtime wrote, so each entry goes
    /// straight to its slot (linear in the journal's length); anything else is sorted.
    /// </summary>
    private static List<JournalEntry> InCompletionOrder(List<JournalEntry> deliveries)
    {
        var slots = new JournalEntry?[deliveries.Count];
        foreach (var entry in deliveries)
        {
            var slot = entry.CompletionIndex - 1;
            if (slot >= slots.Length || slots[slot] is not null)
            {
                deliveries.Sort((a, b) => a.CompletionIndex.CompareTo(b.CompletionIndex));
                return deliveries;
            }
            slots[slot] = entry;
        }
        deliveries.Clear();
        foreach (var entry in slots) deliveries.Add(entry!);
        return deliveries;
    }

    /// <summary>Every entry, as loaded.</summary>
    public List<JournalEntry> All { get; } = [];

    /// <summary>Recorded outcomes in the order workflow code received them.</summary>
    public IReadOnlyList<JournalEntry> Deliveries { get; }

    public long LastCompletionIndex { get; }

    /// <summary>Whether <paramref name="scope"/> is one of <paramref name="scopes"/> or nested in one ("/Map#1[2]/Box#1" is in "/Map#1" and "/Map#1[2]").</summary>
    private static bool InsideAny(string scope, HashSet<string> scopes)
    {
        if (scopes.Count == 0 || scope.Length == 0) return false;
        if (scopes.Contains(scope)) return true;
        var prefixes = scopes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 1; i < scope.Length; i++)
        {
            if (scope[i] is '/' or '[' && prefixes.Contains(scope.AsSpan(0, i))) return true;
        }
        return false;
    }

    public JournalEntry? Find(string operationId) => _byId.GetValueOrDefault(operationId);

    public JournalEntry? AtPosition(string scope, int sequence) => _byPosition.GetValueOrDefault(new Position(scope, sequence));

    private readonly record struct Position(string Scope, int Sequence);
}
