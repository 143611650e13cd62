using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Workflows;

/// <summary>The workflows an engine can start and resume, by durable name.</summary>
public sealed class WorkflowRegistry : IEnumerable<WorkflowDefinition>
{
    private readonly Dictionary<string, WorkflowDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Adds a definition; a second definition with the same name is an error.</summary>
    public WorkflowRegistry Add(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (!_definitions.TryAdd(definition.Name, definition))
                throw new ArgumentException($"A workflow named '{definition.Name}' is already registered. Workflow names must be unique; set [Workflow(Name = ...)] on one of them.", nameof(definition));
        }
        return this;
    }

    /// <summary>Adds a workflow method of <typeparamref name="TWorkflow"/>, built with its parameterless constructor.</summary>
    public WorkflowRegistry Add<TWorkflow, TInput, TOutput>(string name, Func<TWorkflow, TInput, Task<TOutput>> run)
        where TWorkflow : new() =>
        Add(WorkflowDefinition.Create(name, _ => new TWorkflow(), run));

    /// <summary>Adds a workflow delegate.</summary>
    public WorkflowRegistry Add<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> run) =>
        Add(WorkflowDefinition.Create(name, run));

    /// <summary>Looks a definition up by name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out WorkflowDefinition definition)
    {
        lock (_gate) return _definitions.TryGetValue(name, out definition);
    }

    /// <summary>The definition named <paramref name="name"/>.</summary>
    /// <exception cref="WorkflowNotRegisteredException">No definition has that name.</exception>
    public WorkflowDefinition Get(string name, string? instanceId = null) =>
        TryGet(name, out var definition) ? definition : throw new WorkflowNotRegisteredException(name, instanceId, Names());

    private List<string> Names()
    {
        lock (_gate) return [.. _definitions.Keys];
    }

    /// <inheritdoc />
    public IEnumerator<WorkflowDefinition> GetEnumerator()
    {
        lock (_gate) return _definitions.Values.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
