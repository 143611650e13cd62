using System.ComponentModel;

namespace Workflows;

/// <summary>
/// The workflows the source generator found in the loaded assemblies. Generated module initializers add to it, and
/// every engine includes its entries unless <see cref="WorkflowEngineOptions.IncludeGeneratedWorkflows"/> is off.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorkflowCatalog
{
    private static readonly Lock s_gate = new();
    private static readonly List<WorkflowDefinition> s_definitions = [];

    /// <summary>Adds generated definitions; called by generated code when its assembly loads.</summary>
    public static void Register(params IEnumerable<WorkflowDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        lock (s_gate) s_definitions.AddRange(definitions);
    }

    internal static IReadOnlyList<WorkflowDefinition> Definitions
    {
        get
        {
            lock (s_gate) return [.. s_definitions];
        }
    }
}
