namespace Workflows.CrashTests.Workload;

/// <summary>The load test's workflow: a few steps and a timer.</summary>
public sealed class LoadWorkload
{
    [Workflow]
    public async Task<int> Tiny(int n)
    {
        var a = await Step(n, 1);
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(200));
        var b = await Step(n, 2);
        return a + b + await Step(n, 3);
    }

    [Step]
    private static async Task<int> Step(int n, int i)
    {
        await Task.Delay(5);
        return n + i;
    }
}
