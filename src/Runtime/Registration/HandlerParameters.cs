namespace Workflows;

/// <summary>Checks the arguments a client passes to a query or signal handler against its parameter types.</summary>
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
}
