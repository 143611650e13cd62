using Workflows.Storage;

namespace Workflows;

/// <summary>
/// What a rerun (a reset, a fork or a retry) of an execution keeps of its journal: the outcomes recorded before the
/// chosen operation's (renumbered in the same order), the durable values read before it, the patches taken and the
/// point at which continuing as new was suggested (decisions replay must repeat), with a record of where the rerun
/// came from. Everything from that operation on runs again live: steps, timers
/// from their start, children under new IDs; messages taken after it are not taken again.
/// </summary>
internal static class JournalRerun
{
    /// <summary>The ID of the record that says where a rerun execution came from.</summary>
    public const string MarkerId = "!rerun";

    /// <summary>
    /// The entries execution <paramref name="execution"/> of <paramref name="instanceId"/> starts with, taken from
    /// <paramref name="journal"/> up to <paramref name="operationId"/> (null: every recorded outcome).
    /// </summary>
    public static List<JournalEntry> Keep(IReadOnlyList<JournalEntry> journal, string? operationId, string instanceId, int execution, string origin, string? reason)
    {
        var (cutIndex, cutTime) = (long.MaxValue, DateTime.MaxValue);
        string? within = null;
        if (operationId is not null)
        {
            var target = journal.FirstOrDefault(e => e.OperationId == operationId && !e.OperationId.StartsWith('!'))
                ?? throw new ArgumentException(
                    $"Workflow instance '{(journal.Count > 0 ? journal[0].InstanceId : instanceId)}' has no operation '{operationId}' in its journal. " +
                    $"Pass one of its operation IDs, such as {string.Join(", ", journal.Where(e => !e.OperationId.StartsWith('!')).Take(5).Select(e => $"'{e.OperationId}'"))} (see 'workflows history').",
                    nameof(operationId));
            if (target.CompletionIndex > 0) (cutIndex, cutTime) = (target.CompletionIndex, target.RecordedAt);
            within = target.OperationId;
        }
        // What ran inside the chosen operation (a fan-out's items, a scope's calls) runs again with it.
        var outcomes = journal.Where(e => e.CompletionIndex > 0 && e.CompletionIndex < cutIndex && e.Status is JournalEntryStatus.Completed or JournalEntryStatus.Failed && !Inside(e.Scope, within))
            .OrderBy(e => e.CompletionIndex).ToList();
        var kept = new HashSet<string>(outcomes.Select(e => e.OperationId), StringComparer.Ordinal);
        var rerun = new List<JournalEntry>(outcomes.Count + 8);
        long index = 0;
        foreach (var outcome in outcomes) rerun.Add(outcome with { InstanceId = instanceId, Execution = execution, CompletionIndex = ++index });
        foreach (var entry in journal)
        {
            var keep = entry.CompletionIndex == 0 && entry.Status == JournalEntryStatus.Completed && (
                entry.OperationId.StartsWith(Versioning.PatchMarkers.Marker(""), StringComparison.Ordinal)
                || entry.OperationId == Identity.OperationIds.ContinueAsNewSuggestion
                || (entry.Kind == JournalEntryKind.Value && !entry.OperationId.StartsWith('!') && entry.RecordedAt < cutTime && !Inside(entry.Scope, within)));
            var attemptOfKept = Identity.OperationIds.TryParseFailedAttempt(entry.OperationId, out var of, out _) && kept.Contains(of);
            if (keep || attemptOfKept) rerun.Add(entry with { InstanceId = instanceId, Execution = execution });
        }
        rerun.Add(new JournalEntry
        {
            InstanceId = instanceId,
            Execution = execution,
            OperationId = MarkerId,
            Kind = JournalEntryKind.Value,
            Name = "$rerun",
            Scope = "",
            Status = JournalEntryStatus.Completed,
            Attempts = 1,
            Detail = operationId is null ? origin : $"{origin} from {operationId}",
            Result = reason is null ? null : System.Text.Json.JsonSerializer.Serialize(reason),
            RecordedAt = DateTime.UtcNow,
        });
        return rerun;
    }

    private static bool Inside(string scope, string? operationId) =>
        operationId is not null && scope.StartsWith(operationId, StringComparison.Ordinal)
        && (scope.Length == operationId.Length || scope[operationId.Length] is '[' or '/');

    /// <summary>
    /// Whether <paramref name="journal"/> is that of a rerun nothing has run in yet: its steps are not ones a stopped
    /// run left unfinished, so their attempts do not count.
    /// </summary>
    public static bool IsUnstarted(IReadOnlyList<JournalEntry> journal) =>
        journal.FirstOrDefault(e => e.OperationId == MarkerId) is { } marker && journal.All(e => e.RecordedAt <= marker.RecordedAt);
}
