using Workflows.Serialization;

namespace Workflows;

/// <summary>
/// A signal handler of a workflow class: its name, the types of its arguments, and how to call it on the workflow
/// object. Generated code creates these from <see cref="SignalAttribute"/> methods.
/// </summary>
public sealed class WorkflowSignal
{
    private readonly Action<object, IReadOnlyList<object?>> _handler;

    private WorkflowSignal(string name, IReadOnlyList<Type> parameterTypes, Action<object, IReadOnlyList<object?>> handler)
    {
        WorkflowNames.Validate(name, "signal");
        Name = name;
        ParameterTypes = parameterTypes;
        _handler = handler;
    }

    /// <summary>The signal's name.</summary>
    public string Name { get; }

    /// <summary>The types of its arguments, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>
    /// A signal of <typeparamref name="TWorkflow"/> named <paramref name="name"/>: <paramref name="handler"/> calls it
    /// on the workflow object with arguments of <paramref name="parameterTypes"/>.
    /// </summary>
    public static WorkflowSignal Create<TWorkflow>(string name, Action<TWorkflow, IReadOnlyList<object?>> handler, params Type[] parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        return new WorkflowSignal(name, parameterTypes, (workflow, args) => handler((TWorkflow)workflow, args));
    }

    /// <summary>Fails with a precise message when <paramref name="args"/> do not fit the handler's parameters.</summary>
    internal void CheckArguments(IReadOnlyList<object?> args, string workflowName) =>
        HandlerParameters.Check(ParameterTypes, args, $"Signal '{Name}'", workflowName);

    internal string Encode(PayloadSerializer serializer, IReadOnlyList<object?> args, string what) =>
        HandlerParameters.Encode(ParameterTypes, serializer, args, what);

    internal object?[] Decode(PayloadSerializer serializer, string? json, string what) =>
        HandlerParameters.Decode(ParameterTypes, serializer, json, what);

    internal void Invoke(object workflow, IReadOnlyList<object?> args) => _handler(workflow, args);
}
