using System.ComponentModel;

namespace Workflows;

/// <summary>
/// Marks a member of the durable API whose use in workflow code is a durable call site: the generator lists it in
/// the workflow's <see cref="WorkflowManifest"/> under <see cref="Kind"/> and <see cref="Name"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class DurableCallAttribute(string kind, string name) : Attribute
{
    /// <summary>The call site kind, such as <c>Value</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The durable name the member's operations use.</summary>
    public string Name { get; } = name;
}
