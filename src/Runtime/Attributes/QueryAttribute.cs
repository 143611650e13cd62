namespace Workflows;

/// <summary>
/// Marks a synchronous method of a workflow class as a query: it reads the state the workflow method keeps in the
/// object's fields and returns it, run on the instance's own scheduler (after replay, if the instance had left
/// memory). A query never writes to the journal and never changes what replay sees, so it must not make durable
/// calls, await, or assign the workflow's state; analyzer WF4001 checks this. The generator writes
/// <c>client.Query{Name}Async(instanceId, args…)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class QueryAttribute : Attribute
{
    /// <summary>The query's name; defaults to the method name.</summary>
    public string? Name { get; set; }
}
