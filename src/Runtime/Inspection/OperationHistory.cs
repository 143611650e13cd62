using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Inspection;

/// <summary>
/// Builds the operation tree of one execution from its journal: each entry hangs under the operation its scope
/// names; a scope without an entry of its own (a fan-out, an item in flight, a virtual scope's parent) becomes a node
/// under the nearest operation whose ID prefixes its own.
/// </summary>
internal static class OperationHistory
{
    public static IReadOnlyList<WorkflowOperation> Build(IReadOnlyList<JournalEntry> journal, IReadOnlyList<InstanceRecord> children)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var attempts = new Dictionary<string, List<WorkflowOperationAttempt>>(StringComparer.Ordinal);
        foreach (var entry in WorkflowHistory.InRecordedOrder(journal))
        {
            if (OperationIds.TryParseFailedAttempt(entry.OperationId, out var step, out var attempt))
            {
                if (!attempts.TryGetValue(step, out var list)) attempts[step] = list = [];
                list.Add(new WorkflowOperationAttempt(attempt, entry.StartedAt, entry.RecordedAt, entry.Error ?? new WorkflowError("Unknown", "No error was recorded.", null)));
                continue;
            }
            nodes[entry.OperationId] = new Node(entry.OperationId, entry);
        }
        foreach (var list in attempts.Values) list.Sort((x, y) => x.Attempt.CompareTo(y.Attempt));
        var childrenByOperation = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (child.ParentOperationId is { } operation) childrenByOperation.TryAdd(OperationIds.StartingOperation(operation), child);
        }

        var roots = new List<Node>();
        foreach (var node in nodes.Values.ToList()) Parent(node.Entry!.Scope, nodes, roots).Add(node);
        return [.. roots.Select(n => ToOperation(n, childrenByOperation, attempts))];
    }

    private static List<Node> Parent(string scope, Dictionary<string, Node> nodes, List<Node> roots)
    {
        if (scope.Length == 0) return roots;
        if (!nodes.TryGetValue(scope, out var parent))
        {
            parent = new Node(scope, null);
            nodes[scope] = parent;
            var enclosing = nodes.Keys.Where(k => k.Length < scope.Length && scope.StartsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
            (enclosing is null ? roots : nodes[enclosing].Children).Add(parent);
        }
        return parent.Children;
    }

    private static WorkflowOperation ToOperation(Node node, Dictionary<string, InstanceRecord> children, Dictionary<string, List<WorkflowOperationAttempt>> attempts)
    {
        var inner = node.Children.Select(c => ToOperation(c, children, attempts)).ToList();
        var items = inner.Count(o => o.Kind == WorkflowOperationKind.FanOutItem);
        // A fan-out's items complete in any order; they read best by index.
        if (items == inner.Count) inner = [.. inner.OrderBy(o => ItemIndex(o.Id))];
        var kind = KindOf(node, items > 0);
        children.TryGetValue(node.Id, out var child);
        if (node.Entry is not { } entry)
        {
            return new WorkflowOperation
            {
                Id = node.Id,
                Kind = kind,
                Name = NameOf(node.Id, kind, null),
                Status = inner.Count > 0 && inner.All(o => o.Status == WorkflowOperationStatus.Completed) && kind != WorkflowOperationKind.FanOutItem
                    ? WorkflowOperationStatus.Completed
                    : WorkflowOperationStatus.Running,
                ItemCount = items,
                Operations = inner,
            };
        }
        var step = entry.Kind == JournalEntryKind.Step;
        return new WorkflowOperation
        {
            Id = node.Id,
            Kind = kind,
            Name = NameOf(node.Id, kind, entry),
            Status = StatusOf(entry),
            StartedAt = entry.StartedAt,
            RecordedAt = entry.RecordedAt,
            Attempts = entry.Attempts,
            DueAt = entry.NextAttemptAt,
            ResultJson = entry.Status == JournalEntryStatus.Retrying ? null : entry.Result,
            Error = entry.Status == JournalEntryStatus.Failed ? entry.Error : null,
            LastFailedAttemptError = step ? entry.Error : null,
            FailedAttempts = attempts.TryGetValue(node.Id, out var failed) ? failed : [],
            ChildInstanceId = child?.InstanceId,
            ChildStatus = child?.Status,
            ItemCount = items,
            Operations = inner,
        };
    }

    private static WorkflowOperationKind KindOf(Node node, bool hasItems)
    {
        if (node.Id.EndsWith(']')) return WorkflowOperationKind.FanOutItem;
        if (hasItems) return WorkflowOperationKind.FanOut;
        return node.Entry?.Kind switch
        {
            null or JournalEntryKind.Scope => WorkflowOperationKind.Scope,
            JournalEntryKind.Step => WorkflowOperationKind.Step,
            JournalEntryKind.Timer => WorkflowOperationKind.Timer,
            JournalEntryKind.Event => WorkflowOperationKind.EventWait,
            JournalEntryKind.Child => WorkflowOperationKind.ChildWorkflow,
            JournalEntryKind.Signal => WorkflowOperationKind.Signal,
            JournalEntryKind.Update => WorkflowOperationKind.Update,
            JournalEntryKind.Message => WorkflowOperationKind.Send,
            JournalEntryKind.CancelRequest => WorkflowOperationKind.CancelRequest,
            _ => WorkflowOperationKind.Value,
        };
    }

    private static string NameOf(string id, WorkflowOperationKind kind, JournalEntry? entry)
    {
        if (kind == WorkflowOperationKind.FanOutItem) return id[id.LastIndexOf('[')..];
        if (entry is null)
        {
            var name = id[(id.LastIndexOf('/') + 1)..];
            var hash = name.LastIndexOf('#');
            return hash > 0 ? name[..hash] : name;
        }
        return entry.Detail ?? entry.Name;
    }

    private static int ItemIndex(string id) =>
        int.TryParse(id.AsSpan(id.LastIndexOf('[') + 1, id.Length - id.LastIndexOf('[') - 2), out var index) ? index : int.MaxValue;

    private static WorkflowOperationStatus StatusOf(JournalEntry entry) => entry.Status switch
    {
        JournalEntryStatus.Completed => WorkflowOperationStatus.Completed,
        JournalEntryStatus.Failed when entry.Error is { IsCancellation: true } => WorkflowOperationStatus.Canceled,
        JournalEntryStatus.Failed => WorkflowOperationStatus.Failed,
        _ when entry.Kind is JournalEntryKind.Timer or JournalEntryKind.Event => WorkflowOperationStatus.Waiting,
        _ when entry.Error is not null => WorkflowOperationStatus.Retrying,
        _ => WorkflowOperationStatus.Running,
    };

    private sealed class Node(string id, JournalEntry? entry)
    {
        public string Id { get; } = id;

        public JournalEntry? Entry { get; } = entry;

        public List<Node> Children { get; } = [];
    }
}
