using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Versioning;

/// <summary>
/// How an instance remembers the patches it took: a journal record per patch (<see cref="Marker"/>) written with the
/// instance's next commit the first time its live code passes <see cref="Workflow.Patched"/> or
/// <see cref="Workflow.DeprecatePatch"/>; never delivered to workflow code, and read by the manifest check.
/// </summary>
internal static class PatchMarkers
{
    private const string Prefix = "!patch/";

    /// <summary>The journal ID of the record that the instance took patch <paramref name="patchId"/>.</summary>
    public static string Marker(string patchId) => Prefix + patchId;

    /// <summary>The patches whose markers <paramref name="journal"/> holds.</summary>
    public static IReadOnlySet<string> Taken(IEnumerable<JournalEntry> journal)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            if (entry.OperationId.StartsWith(Prefix, StringComparison.Ordinal)) taken.Add(entry.OperationId[Prefix.Length..]);
        }
        return taken;
    }

    /// <summary>Throws when <paramref name="patchId"/> cannot name a patch.</summary>
    public static void Validate(string patchId)
    {
        WorkflowNames.Validate(patchId, "patch");
        if (patchId.AsSpan().IndexOfAny('!', '&') >= 0 || patchId.Any(char.IsWhiteSpace))
            throw new ArgumentException($"The patch ID '{patchId}' contains '!', '&' or white space, which manifests use to write patch conditions.", nameof(patchId));
    }
}
