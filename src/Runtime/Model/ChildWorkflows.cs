namespace Workflows;

/// <summary>
/// What <see cref="Workflow.Children"/> returns: the generator adds a <c>Start{Workflow}Async</c> extension method
/// on it for every [Workflow] method, with the workflow's own parameters, so an independent child is started typed
/// and by the workflow's durable name.
/// </summary>
public sealed class ChildWorkflows
{
    internal static readonly ChildWorkflows Instance = new();

    private ChildWorkflows()
    {
    }
}
