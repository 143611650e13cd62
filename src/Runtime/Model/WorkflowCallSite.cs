namespace Workflows;

/// <summary>One durable call site of a workflow method, in source order.</summary>
/// <param name="Kind">What the call does: <c>Step</c>, <c>Workflow</c> (a child), <c>Value</c> (a durable time, GUID or random seed),
/// <c>Patch</c> (a <see cref="Workflow.Patched"/> check, named by its patch ID), <c>DeprecatedPatch</c>, and so on.</param>
/// <param name="Name">The durable name the call uses (the <c>{name}</c> of its operation IDs).</param>
/// <param name="Ordinal">Which occurrence of <paramref name="Name"/> in the method's source this is, from 1.</param>
public sealed record WorkflowCallSite(string Kind, string Name, int Ordinal)
{
    /// <summary>
    /// The patches the call depends on, when it is in a branch of a <see cref="Workflow.Patched"/> check: patch IDs
    /// joined by <c>&amp;</c>, each prefixed with <c>!</c> when the call is in the branch for instances without that
    /// patch (<c>new-tax&amp;!fast-ship</c>); null for a call every instance makes.
    /// </summary>
    public string? Guard { get; init; }

    /// <inheritdoc />
    public override string ToString() => Guard is null ? $"{Kind} {Name}#{Ordinal}" : $"{Kind} {Name}#{Ordinal} (if {Guard.Replace("&", " and ", StringComparison.Ordinal)})";

    /// <summary>The stored form: the guard follows a tab, which no name contains.</summary>
    internal string Stored => Guard is null ? $"{Kind} {Name}#{Ordinal}" : $"{Kind} {Name}#{Ordinal}\t{Guard}";

    internal static WorkflowCallSite Parse(string text)
    {
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        var site = tab < 0 ? text : text[..tab];
        var space = site.IndexOf(' ', StringComparison.Ordinal);
        var hash = site.LastIndexOf('#');
        if (space <= 0 || hash <= space || !int.TryParse(site.AsSpan(hash + 1), out var ordinal) || tab == text.Length - 1)
            throw new FormatException($"'{text}' is not a workflow call site ('<kind> <name>#<ordinal>', optionally a tab and its guard).");
        return new WorkflowCallSite(site[..space], site[(space + 1)..hash], ordinal) { Guard = tab < 0 ? null : text[(tab + 1)..] };
    }
}
