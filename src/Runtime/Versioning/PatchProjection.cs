using System;
using System.Collections.Generic;

namespace Workflows.Versioning;

/// <summary>
/// Which durable calls of a manifest an instance makes, given the patches it took: a call guarded by patch checks
/// (<c>a&amp;!b</c>) counts only when each condition holds, the checks themselves are no calls, and ordinals count
/// only the calls made. Compiled into the runtime (its version check) and into the generator (its shipped-manifest
/// check), which cannot reference the runtime.
/// </summary>
internal static class PatchProjection
{
    /// <summary>The call-site kind of a <c>Workflow.Patched</c> check, named by its patch ID.</summary>
    public const string PatchKind = "Patch";

    /// <summary>The call-site kind of a <c>Workflow.DeprecatePatch</c> call.</summary>
    public const string DeprecatedKind = "DeprecatedPatch";

    /// <summary>Whether a call site of <paramref name="kind"/> is a patch check or deprecation rather than an operation.</summary>
    public static bool IsPatchSite(string kind) => kind == PatchKind || kind == DeprecatedKind;

    /// <summary>Whether every condition of <paramref name="guard"/> holds for an instance that took <paramref name="taken"/>.</summary>
    public static bool Holds(string? guard, Func<string, bool> taken)
    {
        if (guard is null) return true;
        foreach (var condition in guard.Split('&'))
        {
            var negated = condition.Length > 0 && condition[0] == '!';
            if (taken(negated ? condition.Substring(1) : condition) == negated) return false;
        }
        return true;
    }

    /// <summary>The calls an instance that took <paramref name="taken"/> makes, each with its ordinal among the calls of its kind and name it makes.</summary>
    public static List<KeyValuePair<T, int>> Project<T>(IEnumerable<T> sites, Func<T, string> kind, Func<T, string> name, Func<T, string?> guard, Func<string, bool> taken)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var made = new List<KeyValuePair<T, int>>();
        foreach (var site in sites)
        {
            if (IsPatchSite(kind(site)) || !Holds(guard(site), taken)) continue;
            var key = kind(site) + " " + name(site);
            ordinals[key] = ordinals.TryGetValue(key, out var n) ? n + 1 : 1;
            made.Add(new KeyValuePair<T, int>(site, ordinals[key]));
        }
        return made;
    }
}
