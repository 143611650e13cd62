using System.Collections.Generic;
using System.Linq;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Model;
using Workflows.Shared;
using Workflows.Versioning;

namespace Workflows.Generator.Shipping;

/// <summary>
/// Compares a workflow's durable calls with the ones it shipped with. An instance of the shipped version may be
/// anywhere in it, so every shipped call must still be made, in order, with the same kind, name and result type, by
/// every kind of instance: those with and without each patch the shipped version checks, those without each patch
/// new since (they passed it under the old code), and only those with a deprecated patch (the others were drained).
/// Calls after the last shipped one are compatible.
/// </summary>
internal static class ShippedManifestCheck
{
    // Beyond this many patches with instances of both branches, only the all-on and all-off instances are compared.
    private const int MaxCombinedPatches = 8;

    public static DiagnosticInfo? Check(WorkflowModel current, ShippedWorkflowModel shipped)
    {
        foreach (var taken in Populations(current, shipped))
        {
            var before = PatchProjection.Project(shipped.Calls, c => c.Kind, c => c.Name, c => c.Guard, taken.Contains);
            var now = Project(current.Manifest, c => c.Guard, taken.Contains);
            if (FirstDifference(before, now) is not { } i) continue;
            var was = before[i].Key;
            var replacing = i < now.Count ? now[i].Key : null;
            return DiagnosticInfo.Create(DiagnosticDescriptors.ShippedCallChanged,
                    replacing?.Location ?? current.Declaration,
                    current.DurableName, was.ToString(), replacing is null ? "no call" : $"'{ShippedCallFormat.Shipped(replacing)}'", Describe(taken, current, shipped))
                .With(ShippedManifestContract.WorkflowProperty, current.DurableName)
                .With(ShippedManifestContract.ManifestProperty, Render(current))
                .With(ShippedManifestContract.ShippedProperty, was.ToString())
                .With(ShippedManifestContract.InsertedProperty, replacing is not null && IsInsertion(before, now, i) ? "true" : "false");
        }
        return null;
    }

    private static List<KeyValuePair<ManifestEntryModel, int>> Project(IEnumerable<ManifestEntryModel> calls, System.Func<ManifestEntryModel, string?> guard, System.Func<string, bool> taken) =>
        PatchProjection.Project(calls, c => c.Kind, c => c.Name, guard, taken);

    // The index of the first shipped call the current calls do not make in its place; null when they make them all.
    private static int? FirstDifference(List<KeyValuePair<ShippedCallModel, int>> before, List<KeyValuePair<ManifestEntryModel, int>> now)
    {
        for (var i = 0; i < before.Count; i++)
        {
            if (i >= now.Count || !Same(before[i].Key, before[i].Value, now[i].Key, now[i].Value)) return i;
        }
        return null;
    }

    /// <summary>The current calls of <paramref name="workflow"/> as lines of the shipped-manifests file.</summary>
    public static string Render(WorkflowModel workflow) =>
        string.Join("\n", workflow.Manifest.Select(e => ShippedCallFormat.Render(workflow.DurableName, ShippedCallFormat.Shipped(e))));

    private static bool Same(ShippedCallModel was, int wasOrdinal, ManifestEntryModel now, int nowOrdinal) =>
        was.Kind == now.Kind && was.Name == now.Name && wasOrdinal == nowOrdinal && was.ResultType == now.ResultType;

    // Whether the current call at the mismatch is new and everything shipped follows it unchanged: without it (and
    // renumbered, the projection's calls hold their guards already), the current calls make every shipped one.
    private static bool IsInsertion(List<KeyValuePair<ShippedCallModel, int>> before, List<KeyValuePair<ManifestEntryModel, int>> now, int at) =>
        FirstDifference(before, Project(now.Where((_, i) => i != at).Select(p => p.Key), _ => null, _ => true)) is null;

    /// <summary>The sets of patches the kinds of instances took.</summary>
    private static IEnumerable<HashSet<string>> Populations(WorkflowModel current, ShippedWorkflowModel shipped)
    {
        var deprecated = new HashSet<string>(
            shipped.Calls.Where(c => c.Kind == PatchProjection.DeprecatedKind).Select(c => c.Name)
                .Concat(current.Manifest.Where(c => c.Kind == PatchProjection.DeprecatedKind).Select(c => c.Name)),
            System.StringComparer.Ordinal);
        var both = shipped.Calls.Where(c => c.Kind == PatchProjection.PatchKind && !deprecated.Contains(c.Name)).Select(c => c.Name)
            .Distinct(System.StringComparer.Ordinal).OrderBy(p => p, System.StringComparer.Ordinal).ToList();
        if (both.Count > MaxCombinedPatches)
        {
            yield return new HashSet<string>(deprecated, System.StringComparer.Ordinal);
            yield return new HashSet<string>(deprecated.Concat(both), System.StringComparer.Ordinal);
            yield break;
        }
        for (var mask = 0; mask < 1 << both.Count; mask++)
        {
            var taken = new HashSet<string>(deprecated, System.StringComparer.Ordinal);
            for (var i = 0; i < both.Count; i++)
            {
                if ((mask & (1 << i)) != 0) taken.Add(both[i]);
            }
            yield return taken;
        }
    }

    // Which instances the mismatch concerns, when patches are involved.
    private static string Describe(HashSet<string> taken, WorkflowModel current, ShippedWorkflowModel shipped)
    {
        var patches = shipped.Calls.Where(c => PatchProjection.IsPatchSite(c.Kind)).Select(c => c.Name)
            .Concat(current.Manifest.Where(c => PatchProjection.IsPatchSite(c.Kind)).Select(c => c.Name))
            .Distinct(System.StringComparer.Ordinal).OrderBy(p => p, System.StringComparer.Ordinal).ToList();
        if (patches.Count == 0) return "";
        var with = patches.Where(taken.Contains).Select(p => $"'{p}'").ToList();
        var without = patches.Where(p => !taken.Contains(p)).Select(p => $"'{p}'").ToList();
        var parts = new List<string>();
        if (with.Count > 0) parts.Add("with patch " + string.Join(", ", with));
        if (without.Count > 0) parts.Add("without patch " + string.Join(", ", without));
        return " for instances " + string.Join(" and ", parts);
    }
}
