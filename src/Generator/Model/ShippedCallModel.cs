namespace Workflows.Generator.Model;

/// <summary>A durable call of a shipped workflow, as the shipped-manifests file records it.</summary>
internal sealed record ShippedCallModel(string Kind, string Name, int Ordinal, string? Guard, string? ResultType)
{
    /// <inheritdoc cref="Shipping.ShippedCallFormat.Call"/>
    public override string ToString() => Shipping.ShippedCallFormat.Call(this);
}
