namespace Workflows.Generator.Tests.Scenarios;

/// <summary>Temporal's SleepForDays written literally: each round abandons the event wait that lost to its timer.</summary>
public sealed class SleeperWorkflows
{
    [Workflow]
    public async Task<string> SleepUntilComplete(int rounds)
    {
        for (var round = 1; round <= rounds; round++)
        {
            var nextRound = Workflow.DelayAsync(TimeSpan.FromMilliseconds(20));
            var complete = Workflow.WaitForEventAsync<string>("complete");
            if (await Task.WhenAny(nextRound, complete) == complete) return $"round {round}: {await complete}";
        }
        return "expired";
    }
}
