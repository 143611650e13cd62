using Workflows.Versioning;

namespace Workflows.Execution;

// In-place versioning: which branch of a patched change this instance takes.
internal sealed partial class WorkflowContext
{
    // Decided once per execution: every check of a patch answers as the first did.
    private readonly Dictionary<string, bool> _patches = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this instance takes patch <paramref name="patchId"/>: yes when its journal holds the patch's marker or
    /// the code runs live (then the marker is written with the next commit); no while it replays a history recorded
    /// without the patch, which took the old branch at this point.
    /// </summary>
    public bool Patched(string patchId)
    {
        PatchMarkers.Validate(patchId);
        if (_patches.TryGetValue(patchId, out var decided)) return decided;
        var marked = _journal.Find(PatchMarkers.Marker(patchId)) is not null;
        var taken = marked || !IsReplaying;
        if (taken && !marked) RecordPatch(patchId);
        _patches[patchId] = taken;
        return taken;
    }

    /// <summary>
    /// The code no longer branches on <paramref name="patchId"/>: live code still records the marker, so an instance
    /// started now keeps the patched branch if the previous code, with its check, is rolled back to.
    /// </summary>
    public void DeprecatePatch(string patchId)
    {
        PatchMarkers.Validate(patchId);
        if (_patches.ContainsKey(patchId)) return;
        if (!IsReplaying && _journal.Find(PatchMarkers.Marker(patchId)) is null) RecordPatch(patchId);
        _patches[patchId] = true;
    }

    private void RecordPatch(string patchId) =>
        _runner.Journal.BufferValue(ValueEntry(PatchMarkers.Marker(patchId), PatchProjection.PatchKind) with { Detail = patchId });
}
