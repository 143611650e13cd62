using System.Security.Cryptography;
using System.Text;

namespace Workflows;

/// <summary>
/// The ordered durable call sites of one workflow method, as the generator found them at compile time. It is
/// stored with each instance when it starts, so a resumed instance can tell whether the code it replays against
/// still makes the same durable calls before the point its journal reached.
/// </summary>
public sealed class WorkflowManifest : IEquatable<WorkflowManifest>
{
    /// <summary>Creates a manifest from call sites in source order.</summary>
    public WorkflowManifest(IReadOnlyList<WorkflowCallSite> callSites)
    {
        ArgumentNullException.ThrowIfNull(callSites);
        CallSites = [.. callSites];
        Text = string.Join('\n', CallSites.Select(site => site.Stored));
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)), 0, 8);
    }

    /// <summary>The durable call sites, in source order.</summary>
    public IReadOnlyList<WorkflowCallSite> CallSites { get; }

    /// <summary>A short hash of <see cref="Text"/>: equal hashes mean equal manifests.</summary>
    public string Hash { get; }

    /// <summary>The stored form: one call site per line.</summary>
    public string Text { get; }

    /// <summary>Reads the stored form back.</summary>
    public static WorkflowManifest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WorkflowManifest(text.Length == 0 ? [] : [.. text.Split('\n').Select(WorkflowCallSite.Parse)]);
    }

    /// <inheritdoc />
    public bool Equals(WorkflowManifest? other) => other is not null && Text == other.Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WorkflowManifest);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => $"{CallSites.Count} call sites, hash {Hash}";
}
