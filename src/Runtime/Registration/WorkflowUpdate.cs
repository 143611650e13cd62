using Workflows.Serialization;

namespace Workflows;

/// <summary>
/// An update of a workflow class: its name, argument and result types, how to run it on the workflow object, and
/// its validator if it has one. Generated code creates these from <see cref="UpdateAttribute"/> methods.
/// </summary>
public sealed class WorkflowUpdate
{
    private readonly Func<object, IReadOnlyList<object?>, Task<object?>> _handler;
    private readonly Action<object, IReadOnlyList<object?>>? _validator;

    private WorkflowUpdate(string name, Type resultType, IReadOnlyList<Type> parameterTypes,
        Func<object, IReadOnlyList<object?>, Task<object?>> handler, Action<object, IReadOnlyList<object?>>? validator)
    {
        WorkflowNames.Validate(name, "update");
        Name = name;
        ResultType = resultType;
        ParameterTypes = parameterTypes;
        _handler = handler;
        _validator = validator;
    }

    /// <summary>The update's name.</summary>
    public string Name { get; }

    /// <summary>The type of its result (<see cref="object"/> for an update without one).</summary>
    public Type ResultType { get; }

    /// <summary>The types of its arguments, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>Whether it has a validator.</summary>
    public bool HasValidator => _validator is not null;

    /// <summary>An update of <typeparamref name="TWorkflow"/> with a result of <typeparamref name="TResult"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by handler shape (with or without a result), chosen by the handler.")]
    public static WorkflowUpdate Create<TWorkflow, TResult>(
        string name, Func<TWorkflow, IReadOnlyList<object?>, Task<TResult>> handler, Action<TWorkflow, IReadOnlyList<object?>>? validator = null, params Type[] parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        return new WorkflowUpdate(name, typeof(TResult), parameterTypes,
            async (workflow, args) => await handler((TWorkflow)workflow, args).ConfigureAwait(true),
            validator is null ? null : (workflow, args) => validator((TWorkflow)workflow, args));
    }

    /// <summary>An update of <typeparamref name="TWorkflow"/> without a result.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by handler shape (with or without a result), chosen by the handler.")]
    public static WorkflowUpdate Create<TWorkflow>(
        string name, Func<TWorkflow, IReadOnlyList<object?>, Task> handler, Action<TWorkflow, IReadOnlyList<object?>>? validator = null, params Type[] parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        return new WorkflowUpdate(name, typeof(object), parameterTypes,
            async (workflow, args) =>
            {
                await handler((TWorkflow)workflow, args).ConfigureAwait(true);
                return null;
            },
            validator is null ? null : (workflow, args) => validator((TWorkflow)workflow, args));
    }

    internal void CheckArguments(IReadOnlyList<object?> args, string workflowName) =>
        HandlerParameters.Check(ParameterTypes, args, $"Update '{Name}'", workflowName);

    internal string Encode(PayloadSerializer serializer, IReadOnlyList<object?> args, string what) =>
        HandlerParameters.Encode(ParameterTypes, serializer, args, what);

    internal object?[] Decode(PayloadSerializer serializer, string? json, string what) =>
        HandlerParameters.Decode(ParameterTypes, serializer, json, what);

    internal void Validate(object workflow, IReadOnlyList<object?> args) => _validator?.Invoke(workflow, args);

    internal Task<object?> InvokeAsync(object workflow, IReadOnlyList<object?> args) => _handler(workflow, args);
}
