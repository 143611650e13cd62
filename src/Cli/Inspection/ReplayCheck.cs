using Workflows.Storage;

namespace Workflows.Cli.Inspection;

/// <summary>Replays a stored instance against the workflows of a built assembly, for <c>replay</c> and <c>show --assembly</c>.</summary>
internal static class ReplayCheck
{
    public static async Task<WorkflowReplayResult> RunAsync(ICheckpointStore store, InstanceRecord instance, FileInfo assembly, CancellationToken cancellationToken)
    {
        WorkflowAssemblies.Load(assembly);
        try
        {
            return await WorkflowReplayer.ReplayAsync(store, instance.InstanceId, cancellationToken: cancellationToken);
        }
        catch (WorkflowNotRegisteredException ex)
        {
            throw new CliException(ExitCodes.CannotReplay, ex.Message, ex);
        }
    }

    public static string Summary(WorkflowReplayResult result) =>
        $"{result.ReplayedOperations} recorded outcome(s) of execution {result.Execution} replayed in {result.Elapsed.TotalMilliseconds:0.0} ms";

    public static string Next(WorkflowReplayResult result) =>
        result.Finished ? "the workflow code runs to its end" : $"it would go on with [{string.Join(", ", result.WaitingOn)}]";
}
