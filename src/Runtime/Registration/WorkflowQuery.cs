namespace Workflows;

/// <summary>
/// A query of a workflow class: its name, the types of its arguments and its result, and how to call it on the
/// workflow object. Generated code creates these from <see cref="QueryAttribute"/> methods.
/// </summary>
public sealed class WorkflowQuery
{
    private readonly Func<object, IReadOnlyList<object?>, object?> _handler;

    private WorkflowQuery(string name, Type resultType, IReadOnlyList<Type> parameterTypes, Func<object, IReadOnlyList<object?>, object?> handler)
    {
        WorkflowNames.Validate(name, "query");
        Name = name;
        ResultType = resultType;
        ParameterTypes = parameterTypes;
        _handler = handler;
    }

    /// <summary>The query's name.</summary>
    public string Name { get; }

    /// <summary>The type of its result.</summary>
    public Type ResultType { get; }

    /// <summary>The types of its arguments, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>
    /// A query of <typeparamref name="TWorkflow"/> named <paramref name="name"/>: <paramref name="handler"/> calls it
    /// on the workflow object with arguments of <paramref name="parameterTypes"/>, already checked.
    /// </summary>
    public static WorkflowQuery Create<TWorkflow, TResult>(string name, Func<TWorkflow, IReadOnlyList<object?>, TResult> handler, params Type[] parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        return new WorkflowQuery(name, typeof(TResult), parameterTypes, (workflow, args) => handler((TWorkflow)workflow, args));
    }

    /// <summary>Fails with a precise message when <paramref name="args"/> do not fit the query's parameters.</summary>
    internal void CheckArguments(IReadOnlyList<object?> args, string workflowName) =>
        HandlerParameters.Check(ParameterTypes, args, $"Query '{Name}'", workflowName);

    internal object? Invoke(object workflow, IReadOnlyList<object?> args) => _handler(workflow, args);
}
