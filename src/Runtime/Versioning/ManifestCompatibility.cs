using Workflows.Storage;

namespace Workflows.Versioning;

/// <summary>
/// Decides whether an instance recorded under one manifest may replay against another. Appending durable calls
/// after the furthest call site the journal reached is compatible; removing, reordering or renaming a call site at
/// or before it is not, because replay would pair recorded outcomes with different calls. Calls in a branch of a
/// <see cref="Workflow.Patched"/> check count only for the instances that take that branch: those whose journal
/// holds the patch's marker take the patched one, the others the unpatched one.
/// </summary>
internal static class ManifestCompatibility
{
    /// <summary>The first call site that differs at or before the recorded position, or null when compatible.</summary>
    public static ManifestMismatch? FirstIncompatibility(WorkflowManifest recorded, WorkflowManifest current, IEnumerable<JournalEntry> journal)
    {
        if (recorded.Equals(current)) return null;
        var entries = journal as IReadOnlyCollection<JournalEntry> ?? [.. journal];
        var taken = PatchMarkers.Taken(entries);
        var before = Project(recorded, taken);
        var now = Project(current, taken);
        var reached = FurthestReached(before, entries);
        for (var i = 0; i <= reached; i++)
        {
            var site = before[i];
            var then = i < now.Count ? now[i] : null;
            if (then is null || !site.SameCall(then)) return new ManifestMismatch(site.Site, then?.Site, DeprecationHint(current, taken));
        }
        return null;
    }

    /// <summary>The calls an instance that took the patches <paramref name="taken"/> makes, renumbered as it makes them.</summary>
    private static List<ProjectedSite> Project(WorkflowManifest manifest, IReadOnlySet<string> taken) =>
        [.. PatchProjection.Project(manifest.CallSites, s => s.Kind, s => s.Name, s => s.Guard, taken.Contains).Select(p => new ProjectedSite(p.Key, p.Value))];

    private static string? DeprecationHint(WorkflowManifest current, IReadOnlySet<string> taken)
    {
        var missed = current.CallSites.Where(s => s.Kind == PatchProjection.DeprecatedKind && !taken.Contains(s.Name)).Select(s => $"'{s.Name}'").Distinct().ToList();
        return missed.Count == 0 ? null
            : $"The current code deprecates patch {string.Join(", ", missed)}, which this instance did not take: let such instances finish under the code that still checks Workflow.Patched before deploying the deprecation.";
    }

    /// <summary>
    /// The index of the last recorded call site the journal shows was reached. Loops make occurrences ambiguous, so
    /// every call site whose name the journal holds counts as reached; an outcome under a name the manifest does not
    /// know makes every call site count.
    /// </summary>
    private static int FurthestReached(List<ProjectedSite> recorded, IEnumerable<JournalEntry> journal)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            // Messages taken from the inbox, what updates run, and bookkeeping records are not call sites of the workflow method.
            if (entry.Kind == JournalEntryKind.CancelRequest || Identity.OperationIds.IsMessageDriven(entry.OperationId)) continue;
            names.Add(TopLevelName(entry));
        }
        var reached = -1;
        for (var i = 0; i < recorded.Count; i++)
        {
            if (!names.Contains(recorded[i].Site.Name)) continue;
            reached = i;
        }
        var unknown = names.Count(name => !recorded.Exists(site => site.Site.Name == name));
        return unknown > 0 ? recorded.Count - 1 : reached;
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

    /// <summary>A call site as an instance makes it: <paramref name="Ordinal"/> counts only the calls of its name the instance makes.</summary>
    private sealed record ProjectedSite(WorkflowCallSite Site, int Ordinal)
    {
        public bool SameCall(ProjectedSite other) => Site.Kind == other.Site.Kind && Site.Name == other.Site.Name && Ordinal == other.Ordinal;
    }
}
