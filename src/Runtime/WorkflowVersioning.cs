using Workflows.Execution;
using Workflows.Versioning;

namespace Workflows;

public static partial class Workflow
{
    /// <summary>
    /// Changes workflow code in place: true when this instance takes the change guarded by <paramref name="patchId"/>,
    /// false when it replays a history recorded before the change reached this point. Write the change as
    /// <c>if (Workflow.Patched("id")) { new calls } else { old calls }</c>: instances started before the deployment
    /// replay the old branch, new ones run the new branch, in one build. The answer is recorded with the instance (so
    /// it is the same on every replay and for every later check of the same ID in this execution), and the manifest
    /// check and the shipped-manifest analyzer count the calls of each branch only for the instances that take it.
    /// Once no instance that took the old branch is running, replace the check with <see cref="DeprecatePatch"/>.
    /// Outside a workflow it returns true: the code runs as written, newest branch first.
    /// </summary>
    /// <param name="patchId">Names the change; a constant string, unique within the workflow, without '/', '#', '[', ']', '$', ':', '!', '&amp;' or white space.</param>
    /// <exception cref="ArgumentException"><paramref name="patchId"/> cannot name a patch.</exception>
    public static bool Patched(string patchId)
    {
        ArgumentNullException.ThrowIfNull(patchId);
        if (WorkflowContext.Current is { } context) return context.Patched(patchId);
        WorkflowContext.ThrowIfEscaped($"Workflow.Patched(\"{patchId}\")");
        PatchMarkers.Validate(patchId);
        return true;
    }

    /// <summary>
    /// Marks a patch whose old branch is gone: the code that <see cref="Patched"/> guarded now runs unconditionally.
    /// Deploy it only when every instance that took the old branch has finished; one that has not stops before replay
    /// with a <see cref="WorkflowVersionMismatchException"/> naming the patch. Instances started under this code still
    /// record the patch, so rolling back to the code with the check keeps them on the patched branch. Remove the call
    /// once no running instance predates it.
    /// </summary>
    /// <param name="patchId">The ID the removed <see cref="Patched"/> check used.</param>
    /// <exception cref="ArgumentException"><paramref name="patchId"/> cannot name a patch.</exception>
    public static void DeprecatePatch(string patchId)
    {
        ArgumentNullException.ThrowIfNull(patchId);
        if (WorkflowContext.Current is { } context)
        {
            context.DeprecatePatch(patchId);
            return;
        }
        WorkflowContext.ThrowIfEscaped($"Workflow.DeprecatePatch(\"{patchId}\")");
        PatchMarkers.Validate(patchId);
    }
}
