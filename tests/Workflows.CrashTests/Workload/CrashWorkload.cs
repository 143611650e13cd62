namespace Workflows.CrashTests.Workload;

public sealed record LoopState(int Seed, int Round, long Total);

/// <summary>
/// The mixed workload the harness kills: sequential steps, a fan-out with concurrency and retries, a durable timer,
/// an external event (delivered with the start), a child workflow, a continue-as-new loop (one of them reset once it
/// ended), and an event each order sends to a collector workflow. Every result is a pure function of the input, so an
/// interrupted run must end exactly like an uninterrupted one.
/// </summary>
public sealed class CrashWorkload(Ledger ledger)
{
    public const int LoopRounds = 4;

    /// <summary>The ledger, for the workflows built per run.</summary>
    public Ledger Ledger => ledger;

    [Workflow]
    public async Task<long> Order(int seed)
    {
        long total = 0;
        for (var i = 0; i < 4; i++)
        {
            total += await Add(seed, i, 1);
            if (!Workflow.IsReplaying) ledger.Acknowledge(Workflow.InstanceId, Workflow.Execution, $"/Add#{i + 1}");
        }

        var squares = await Workflow.MapAsync(Enumerable.Range(0, 6), i => Square(seed, i),
            new MapOptions { MaxConcurrency = 3, FailureMode = BatchFailureMode.Collect });
        total += squares.Values.Sum();

        total += await Flaky(seed);
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(150));
        total += await Workflow.WaitForEventAsync<int>("bonus", TimeSpan.FromMinutes(10));
        total += await Invoice(seed);
        // Workflow to workflow: a duplicated send would be counted twice by the collector, a lost one never.
        await Workflow.RaiseEventAsync(WorkloadPlan.Collector, "done", total);
        return total;
    }

    [Workflow]
    public async Task<long> Invoice(int seed) => await Add(seed, 100, 1) + await Add(seed, 101, 1);

    [Workflow]
    public async Task<long> Loop(LoopState state)
    {
        var total = state.Total + await Add(state.Seed, state.Round, Workflow.Execution) + await Add(state.Seed, state.Round + 50, Workflow.Execution);
        if (state.Round + 1 < LoopRounds) throw Workflow.ContinueAsNew(state with { Round = state.Round + 1, Total = total });
        return total;
    }

    // Attempt budgets leave room for the harness's kills: an attempt a kill cuts short counts as failed (even one of a
    // step that had not started yet), and up to three kills land in a run.
    [Step(MaxAttempts = 6)]
    private async Task<long> Add(int seed, int i, int execution)
    {
        await Task.Delay(Pause(seed, i));
        ledger.Record(execution);
        return seed * 1000L + i;
    }

    [Step(MaxAttempts = 7, InitialBackoffMilliseconds = 20)]
    private async Task<long> Square(int seed, int i)
    {
        await Task.Delay(Pause(seed, i + 10));
        ledger.Record(1);
        if (i == 2 && Workflow.Step.Attempt == 1) throw new InvalidOperationException($"transient failure of item {i}");
        return (long)i * i + seed;
    }

    [Step(MaxAttempts = 8, InitialBackoffMilliseconds = 30)]
    private async Task<long> Flaky(int seed)
    {
        await Task.Delay(Pause(seed, 99));
        ledger.Record(1);
        if (Workflow.Step.Attempt < 3) throw new TimeoutException($"attempt {Workflow.Step.Attempt} timed out");
        return seed * 7L;
    }

    /// <summary>A deterministic 5–40 ms pause, so kills land inside steps as often as between them.</summary>
    private static TimeSpan Pause(int seed, int i) => TimeSpan.FromMilliseconds(5 + (seed * 31 + i * 17) % 36);
}
