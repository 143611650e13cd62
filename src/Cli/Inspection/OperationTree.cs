using Workflows.Storage;

namespace Workflows.Cli.Inspection;

/// <summary>
/// Builds the operation tree of one execution from its journal: each entry hangs under the operation its scope
/// names; scopes without an entry of their own become plain nodes under the nearest operation whose ID prefixes
/// theirs. Virtual scopes record nothing, so their operations appear where the journal put them.
/// </summary>
internal static class OperationTree
{
    public static IReadOnlyList<OperationNode> Build(IReadOnlyList<JournalEntry> journal, IEnumerable<InstanceRecord> children)
    {
        var nodes = new Dictionary<string, OperationNode>(StringComparer.Ordinal);
        foreach (var entry in Ordered(journal)) nodes[entry.OperationId] = new OperationNode(entry.OperationId, entry);
        foreach (var child in children)
        {
            if (child.ParentOperationId is { } operation && nodes.TryGetValue(operation, out var node)) node.ChildInstance = child;
        }

        var roots = new List<OperationNode>();
        foreach (var node in nodes.Values.ToList()) Parent(node.Entry!.Scope, nodes, roots).Add(node);
        return roots;
    }

    /// <summary>In the order things were recorded (durable values and open operations have no completion index).</summary>
    public static IEnumerable<JournalEntry> Ordered(IEnumerable<JournalEntry> journal) => journal
        .OrderBy(e => e.Execution)
        .ThenBy(e => e.RecordedAt)
        .ThenBy(e => e.CompletionIndex)
        .ThenBy(e => e.Scope, StringComparer.Ordinal)
        .ThenBy(e => e.Sequence);

    private static List<OperationNode> Parent(string scope, Dictionary<string, OperationNode> nodes, List<OperationNode> roots)
    {
        if (scope.Length == 0) return roots;
        if (!nodes.TryGetValue(scope, out var parent))
        {
            parent = new OperationNode(scope, null);
            nodes[scope] = parent;
            var enclosing = nodes.Keys.Where(k => k.Length < scope.Length && scope.StartsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
            (enclosing is null ? roots : nodes[enclosing].Children).Add(parent);
        }
        return parent.Children;
    }
}
