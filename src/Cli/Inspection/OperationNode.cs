using Workflows.Storage;

namespace Workflows.Cli.Inspection;

/// <summary>One operation in an instance's tree: a journal entry, or a scope that has none (a virtual scope's parent, a fan-out item in flight).</summary>
internal sealed class OperationNode(string id, JournalEntry? entry)
{
    public string Id { get; } = id;

    public JournalEntry? Entry { get; } = entry;

    public List<OperationNode> Children { get; } = [];

    /// <summary>The child instance this operation started, for child workflow calls.</summary>
    public InstanceRecord? ChildInstance { get; set; }
}
