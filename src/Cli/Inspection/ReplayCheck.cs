namespace Workflows.Cli.Inspection;

/// <summary>Replays an instance's exported history against the workflows of a built assembly, for <c>replay</c> and <c>show --assembly</c>.</summary>
internal static class ReplayCheck
{
    public static async Task<WorkflowReplayResult> RunAsync(IWorkflowInspector inspector, string instanceId, FileInfo assembly, CancellationToken cancellationToken)
    {
        WorkflowAssemblies.Load(assembly);
        var history = await inspector.ExportHistoryAsync(instanceId, cancellationToken: cancellationToken);
        try
        {
            return await WorkflowReplayer.ReplayHistoryAsync(history);
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
