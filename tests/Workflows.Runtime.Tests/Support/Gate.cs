namespace Workflows.Runtime.Tests.Support;

/// <summary>Lets a test hold a step open until it chooses, and see that it started.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public async Task WaitAsync(CancellationToken token)
    {
        _entered.TrySetResult();
        await _opened.Task.WaitAsync(token);
    }

    public void Open() => _opened.TrySetResult();
}
