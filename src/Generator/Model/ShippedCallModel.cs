namespace Workflows.Generator.Model;

/// <summary>A durable call of a shipped workflow, as the shipped-manifests file records it.</summary>
internal sealed record ShippedCallModel(string Kind, string Name, int Ordinal, string? Guard, string? ResultType)
{
    /// <summary>The call as messages show it: kind, name and ordinal, and its guard and result type when it has them.</summary>
    public override string ToString() =>
        $"{Kind} {Name}#{Ordinal}{(Guard is null ? "" : " if " + Guard)}{(ResultType is null ? "" : " -> " + ResultType)}";
}
