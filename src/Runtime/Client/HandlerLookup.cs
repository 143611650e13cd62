namespace Workflows;

/// <summary>Finds a query, signal or update of a workflow by name for a client, saying which exist when it is not there.</summary>
internal static class HandlerLookup
{
    /// <summary>
    /// The handler <paramref name="name"/> of <paramref name="handlers"/>; <paramref name="kind"/> is "query", "signal"
    /// or "update" and <paramref name="marking"/> how a method becomes one, for the message.
    /// </summary>
    /// <exception cref="ArgumentException">The workflow has no handler of that name.</exception>
    public static T Find<T>(IReadOnlyDictionary<string, T> handlers, string name, string kind, string marking, WorkflowDefinition definition, string instanceId, string parameterName)
    {
        if (handlers.TryGetValue(name, out var handler)) return handler;
        throw new ArgumentException(
            $"Workflow '{definition.Name}' (instance '{instanceId}') has no {kind} named '{name}'. " +
            (handlers.Count == 0 ? $"It has none: mark {marking}." : $"It has: {string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal))}."),
            parameterName);
    }
}
