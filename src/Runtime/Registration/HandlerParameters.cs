using System.Text.Json;
using Workflows.Serialization;

namespace Workflows;

/// <summary>
/// The arguments a client passes to a query, signal or update handler: checked against its parameter types, and
/// stored as a JSON array (each as its parameter type) for signals and updates.
/// </summary>
internal static class HandlerParameters
{
    /// <exception cref="ArgumentException">The count or a type does not fit, with which handler and argument.</exception>
    public static void Check(IReadOnlyList<Type> parameterTypes, IReadOnlyList<object?> args, string handler, string workflowName)
    {
        if (args.Count != parameterTypes.Count)
            throw new ArgumentException($"{handler} of workflow '{workflowName}' takes {parameterTypes.Count} argument(s), not {args.Count}.", nameof(args));
        for (var i = 0; i < args.Count; i++)
        {
            var type = parameterTypes[i];
            var fits = args[i] is { } value ? type.IsInstanceOfType(value) : !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
            if (!fits)
                throw new ArgumentException($"Argument {i} of {handler.ToLowerInvariant()[0]}{handler[1..]} of workflow '{workflowName}' must be a {type.FullName}, not {args[i]?.GetType().FullName ?? "null"}.", nameof(args));
        }
    }

    /// <summary>The arguments as the JSON array a message stores.</summary>
    public static string Encode(IReadOnlyList<Type> parameterTypes, PayloadSerializer serializer, IReadOnlyList<object?> args, string what) =>
        "[" + string.Join(",", args.Select((arg, i) => serializer.Serialize(arg, parameterTypes[i], $"argument {i} of {what}") ?? "null")) + "]";

    /// <summary>Reads stored arguments back as the parameter types.</summary>
    /// <exception cref="PayloadException">They no longer read as the handler's parameters.</exception>
    public static object?[] Decode(IReadOnlyList<Type> parameterTypes, PayloadSerializer serializer, string? json, string what)
    {
        using var document = JsonDocument.Parse(json ?? "[]");
        var elements = document.RootElement.EnumerateArray().ToList();
        if (elements.Count != parameterTypes.Count)
            throw new PayloadException($"The {what} holds {elements.Count} argument(s), but its handler now takes {parameterTypes.Count}.");
        return [.. elements.Select((element, i) => serializer.Deserialize(element.GetRawText(), parameterTypes[i], $"argument {i} of {what}"))];
    }
}
