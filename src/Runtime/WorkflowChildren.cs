using Workflows.Execution;

namespace Workflows;

public static partial class Workflow
{
    /// <summary>
    /// The receiver of the generated typed child starts: <c>await Workflow.Children.Start{Workflow}Async(inputs…)</c>
    /// starts a [Workflow] method of this project as an independent child (see <see cref="StartChildWorkflowAsync{TInput}"/>).
    /// </summary>
    public static ChildWorkflows Children => ChildWorkflows.Instance;

    /// <summary>
    /// Starts the child workflow <paramref name="workflowName"/> with <paramref name="input"/> and returns once the
    /// child instance durably exists, without waiting for it to end: for a child meant to run on its own (a
    /// fire-and-forget follow-up, a long-lived worker). The start is journaled, so replay returns the same handle and
    /// never starts the child twice. The child is independent of this instance: it sends no completion back, and
    /// this instance finishing, failing, being cancelled or terminated does not reach it. To use the child's result,
    /// or to have it cancelled with this instance, call <see cref="RunChildWorkflowAsync{TInput, TOutput}"/> instead.
    /// </summary>
    /// <param name="workflowName">The durable name of the child workflow.</param>
    /// <param name="input">The child's input.</param>
    /// <param name="instanceId">The child's instance ID; null derives one from this instance's ID and the call's operation ID.</param>
    /// <returns>A handle naming the started child.</returns>
    /// <exception cref="ChildWorkflowException">The child could not be started: its ID is held by another instance.</exception>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static Task<ChildWorkflowHandle> StartChildWorkflowAsync<TInput>(string workflowName, TInput input, [ChildInstanceId] string? instanceId = null)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        var context = WorkflowContext.Current;
        if (context is not null) return context.StartChildAsync(workflowName, input, instanceId);
        WorkflowContext.ThrowIfEscaped($"Child workflow '{workflowName}'");
        throw new InvalidOperationException($"Child workflow '{workflowName}' can only be started by workflow code; start it with WorkflowClient from elsewhere.");
    }
}
