using System.Collections;

namespace Workflows.Diagnostics;

/// <summary>
/// Log scope state: structured properties for providers that read them (InstanceId, WorkflowName, OperationId...)
/// and a short text for those that print scopes.
/// </summary>
internal sealed class LogScope(params KeyValuePair<string, object?>[] properties) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static LogScope ForInstance(string workflowName, string instanceId, int execution) =>
        new(new("WorkflowName", workflowName), new("InstanceId", instanceId), new("Execution", execution));

    public static LogScope ForOperation(string operationId, int attempt) =>
        new(new("OperationId", operationId), new("Attempt", attempt));

    public KeyValuePair<string, object?> this[int index] => properties[index];

    public int Count => properties.Length;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(' ', properties.Select(p => $"{p.Key}:{p.Value}"));
}
