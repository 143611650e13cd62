using System.Diagnostics.CodeAnalysis;

namespace Workflows;

/// <summary>
/// The workflows an engine (or a replayer) can run: those registered in its options, then the generated ones of the
/// loaded assemblies unless turned off. A registered workflow wins over a generated one of the same name.
/// </summary>
internal sealed class WorkflowSet
{
    private readonly WorkflowRegistry _registered;
    private readonly WorkflowRegistry _generated = new();

    public WorkflowSet(WorkflowEngineOptions options)
    {
        _registered = options.Workflows;
        if (!options.IncludeGeneratedWorkflows) return;
        foreach (var generated in WorkflowCatalog.Definitions)
        {
            if (_generated.TryGet(generated.Name, out var other))
                throw new InvalidOperationException(
                    $"Two generated workflows are named '{generated.Name}' (with inputs {other.InputType.FullName} and {generated.InputType.FullName}). " +
                    "Workflow names must be unique across the loaded assemblies: set [Workflow(Name = ...)] on one of them.");
            _generated.Add(generated);
        }
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out WorkflowDefinition definition) =>
        _registered.TryGet(name, out definition) || _generated.TryGet(name, out definition);

    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    public WorkflowDefinition Get(string name) => TryGet(name, out var definition) ? definition : throw NotRegistered(name, null);

    public WorkflowNotRegisteredException NotRegistered(string name, string? instanceId) => new(name, instanceId, Names);

    /// <summary>The names of every workflow in the set.</summary>
    public IReadOnlyCollection<string> Names => [.. _registered.Select(d => d.Name).Union(_generated.Select(d => d.Name), StringComparer.Ordinal)];
}
