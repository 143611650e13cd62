namespace Workflows.Generator.Tests.Scenarios;

/// <summary>Static workflows, several parameters, no result, a typed child start, and a step that waits for cancellation.</summary>
public static class ArithmeticWorkflows
{
    [Workflow]
    public static async Task<int> Add(int left, int right) => await Sum(left, right);

    [Workflow(Name = "touch")]
    public static async Task Touch(string key) => await Record(key);

    /// <summary>Starts 'touch' as an independent child through the generated typed start and ends without waiting for it.</summary>
    [Workflow]
    public static async Task<string> Dispatch(string key)
    {
        var child = await Workflow.Children.StartTouchAsync(key + "-child");
        return child.InstanceId;
    }

    [Workflow]
    public static async Task<string> WaitForever(CancellationToken cancellationToken)
    {
        await Hang(cancellationToken);
        return "never";
    }

    [Workflow]
    public static async Task<int> Escape(int value)
    {
        await Task.Yield();
        await Task.Delay(1).ConfigureAwait(false);
        return await Sum(value, value);
    }

    [Step]
    internal static Task<int> Sum(int left, int right)
    {
        StepLog.Ran(nameof(Sum));
        return Task.FromResult(left + right);
    }

    [Step]
    internal static Task Record(string key)
    {
        StepLog.Ran(key);
        return Task.CompletedTask;
    }

    [Step(MaxAttempts = 1)]
    internal static async Task Hang(CancellationToken cancellationToken)
    {
        StepLog.Ran(nameof(Hang));
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
