using Workflows.Storage;

namespace Workflows.Versioning;

/// <summary>
/// Decides whether an instance recorded under one manifest may replay against another. Appending durable calls
/// after the furthest call site the journal reached is compatible; removing, reordering or renaming a call site at
/// or before it is not, because replay would pair recorded outcomes with different calls.
/// </summary>
internal static class ManifestCompatibility
{
    /// <summary>The first call site that differs at or before the recorded position, or null when compatible.</summary>
    public static (WorkflowCallSite? Recorded, WorkflowCallSite? Current)? FirstIncompatibility(
        WorkflowManifest recorded, WorkflowManifest current, IEnumerable<JournalEntry> journal)
    {
        if (recorded.Equals(current)) return null;
        var reached = FurthestReached(recorded, journal);
        for (var i = 0; i <= reached; i++)
        {
            var before = recorded.CallSites[i];
            var now = i < current.CallSites.Count ? current.CallSites[i] : null;
            if (!before.Equals(now)) return (before, now);
        }
        return null;
    }

    /// <summary>
    /// The index of the last recorded call site the journal shows was reached. Loops make occurrences ambiguous, so
    /// every call site whose name the journal holds counts as reached; an outcome under a name the manifest does not
    /// know makes every call site count.
    /// </summary>
    private static int FurthestReached(WorkflowManifest recorded, IEnumerable<JournalEntry> journal)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            // Messages taken from the inbox, and what updates run, are not call sites of the workflow method.
            if (entry.Kind == JournalEntryKind.CancelRequest || Identity.OperationIds.IsMessageDriven(entry.OperationId)) continue;
            names.Add(TopLevelName(entry));
        }
        var reached = -1;
        for (var i = 0; i < recorded.CallSites.Count; i++)
        {
            if (!names.Contains(recorded.CallSites[i].Name)) continue;
            reached = i;
        }
        var unknown = names.Count(name => !recorded.CallSites.Any(site => site.Name == name));
        return unknown > 0 ? recorded.CallSites.Count - 1 : reached;
    }

    // An operation inside a scope ("/Child#1/Step#2") was reached through the scope's call site ("Child").
    private static string TopLevelName(JournalEntry entry)
    {
        if (entry.Scope.Length == 0) return entry.Name;
        var first = entry.Scope.AsSpan(1);
        var slash = first.IndexOf('/');
        if (slash >= 0) first = first[..slash];
        var hash = first.LastIndexOf('#');
        var bracket = first.IndexOf('[');
        var end = bracket >= 0 && (hash < 0 || bracket < hash) ? bracket : hash;
        return (end >= 0 ? first[..end] : first).ToString();
    }
}
