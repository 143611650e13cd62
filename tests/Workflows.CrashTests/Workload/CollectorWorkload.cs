namespace Workflows.CrashTests.Workload;

/// <summary>
/// The collector: it takes the event each order sends when it ends, and the notes the workers send as updates (with
/// fixed update IDs, so a worker that starts again after a kill sends them again). Its result counts every event and
/// every note exactly once, or differs. Built per run (its fields are the instance's state), unlike the shared
/// <see cref="CrashWorkload"/>.
/// </summary>
public sealed class CollectorWorkload(Ledger ledger)
{
    private long _notes;
    private int _noted;

    [Workflow]
    public async Task<long> Collect(int orders)
    {
        long sum = 0;
        for (var i = 0; i < orders; i++) sum += await Workflow.WaitForEventAsync<long>("done");
        await Workflow.WaitConditionAsync(() => _noted == WorkloadPlan.Notes && Workflow.AllHandlersFinished);
        return sum * 1000 + _notes;
    }

    [Update]
    public async Task<long> Note(int value)
    {
        _notes += await Weigh(value);
        _noted++;
        return _notes;
    }

    // Room for the harness's kills, each of which costs an attempt of a step in flight (see CrashWorkload.Add).
    [Step(MaxAttempts = 6)]
    private async Task<long> Weigh(int value)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(5 + value * 7 % 20));
        ledger.Record(1);
        return value * 3L;
    }
}
