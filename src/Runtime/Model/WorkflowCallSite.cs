namespace Workflows;

/// <summary>One durable call site of a workflow method, in source order.</summary>
/// <param name="Kind">What the call does: <c>Step</c>, <c>Workflow</c> (a child), <c>Value</c> (a durable time, GUID or random seed).</param>
/// <param name="Name">The durable name the call uses (the <c>{name}</c> of its operation IDs).</param>
/// <param name="Ordinal">Which occurrence of <paramref name="Name"/> in the method's source this is, from 1.</param>
public sealed record WorkflowCallSite(string Kind, string Name, int Ordinal)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}#{Ordinal}";

    internal static WorkflowCallSite Parse(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var hash = text.LastIndexOf('#');
        if (space <= 0 || hash <= space || !int.TryParse(text.AsSpan(hash + 1), out var ordinal))
            throw new FormatException($"'{text}' is not a workflow call site ('<kind> <name>#<ordinal>').");
        return new WorkflowCallSite(text[..space], text[(space + 1)..hash], ordinal);
    }
}
