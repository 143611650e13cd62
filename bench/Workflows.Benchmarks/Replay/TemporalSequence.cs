namespace Workflows.Benchmarks.Replay;

/// <summary>The Temporal twin of <see cref="ReplayWorkload"/>'s workflow: sequential activities with int inputs and results.</summary>
[Temporalio.Workflows.Workflow(TemporalHistory.WorkflowType)]
public class TemporalSequence
{
    [Temporalio.Workflows.WorkflowRun]
    public async Task<int> RunAsync(int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += await Temporalio.Workflows.Workflow.ExecuteActivityAsync<int>(TemporalHistory.ActivityType, [i], new() { StartToCloseTimeout = TimeSpan.FromMinutes(1) });
        }
        return sum;
    }
}
