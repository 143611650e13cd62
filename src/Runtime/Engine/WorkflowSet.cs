using System.Diagnostics.CodeAnalysis;
using Workflows.Scheduling;

namespace Workflows;

/// <summary>
/// The workflows an engine (or a replayer) can run: those registered in its options, then the generated ones of the
/// loaded assemblies unless turned off, then the built-in one that carries schedules. A registered workflow wins over
/// a generated one of the same name.
/// </summary>
internal sealed class WorkflowSet
{
    private readonly WorkflowRegistry _registered;
    private readonly WorkflowRegistry _generated = new();
    private readonly WorkflowDefinition _schedules;

    /// <param name="options">Where the registered workflows come from.</param>
    /// <param name="client">The client the schedule workflow's steps use; none in a replayer, which runs no steps.</param>
    public WorkflowSet(WorkflowEngineOptions options, Func<WorkflowClient?>? client = null)
    {
        _registered = options.Workflows;
        _schedules = ScheduleDefinition.Create(client ?? (() => null));
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
        _registered.TryGet(name, out definition) || _generated.TryGet(name, out definition) || Schedules(name, out definition);

    private bool Schedules(string name, [MaybeNullWhen(false)] out WorkflowDefinition definition)
    {
        definition = name == _schedules.Name ? _schedules : null;
        return definition is not null;
    }

    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    public WorkflowDefinition Get(string name) => TryGet(name, out var definition) ? definition : throw NotRegistered(name, null);

    public WorkflowNotRegisteredException NotRegistered(string name, string? instanceId) => new(name, instanceId, Names);

    /// <summary>The names of every workflow in the set.</summary>
    public IReadOnlyCollection<string> Names => [.. _registered.Select(d => d.Name).Union(_generated.Select(d => d.Name), StringComparer.Ordinal).Union([_schedules.Name], StringComparer.Ordinal)];

    /// <summary>The workflows that declare schedules with <see cref="ScheduleAttribute"/>.</summary>
    public IEnumerable<WorkflowDefinition> Declaring => _registered.Concat(_generated.Where(d => !_registered.TryGet(d.Name, out _))).Where(d => d.Schedules.Count > 0);
}
