using System.Text.Json;
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

    /// <summary>The arguments as the JSON array a signal message stores, each as its parameter type.</summary>
    internal string Encode(PayloadSerializer serializer, IReadOnlyList<object?> args, string what) =>
        "[" + string.Join(",", args.Select((arg, i) => serializer.Serialize(arg, ParameterTypes[i], $"argument {i} of {what}") ?? "null")) + "]";

    /// <summary>Reads the stored arguments back as the handler's parameter types.</summary>
    /// <exception cref="PayloadException">They no longer read as the handler's parameters.</exception>
    internal object?[] Decode(PayloadSerializer serializer, string? json, string what)
    {
        using var document = JsonDocument.Parse(json ?? "[]");
        var elements = document.RootElement.EnumerateArray().ToList();
        if (elements.Count != ParameterTypes.Count)
            throw new PayloadException($"The {what} holds {elements.Count} argument(s), but signal '{Name}' now takes {ParameterTypes.Count}.");
        return [.. elements.Select((element, i) => serializer.Deserialize(element.GetRawText(), ParameterTypes[i], $"argument {i} of {what}"))];
    }

    internal void Invoke(object workflow, IReadOnlyList<object?> args) => _handler(workflow, args);
}
