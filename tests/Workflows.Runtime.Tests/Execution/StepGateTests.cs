using Workflows.Execution;

namespace Workflows.Runtime.Tests.Execution;

/// <summary>The gate a draining engine waits at: a step is in flight until its outcome is recorded, not only while it runs.</summary>
public sealed class StepGateTests
{
    [Test]
    public async Task A_drain_waits_for_an_attempt_that_released_its_slot_until_its_outcome_is_settled()
    {
        var gate = new StepGate(maxConcurrent: 1);
        Assert.That(await gate.EnterAsync(CancellationToken.None), Is.True);

        gate.ReleaseSlot(); // the attempt stopped running; its outcome is not recorded yet
        var drained = gate.DrainAsync();
        Assert.That(drained.IsCompleted, Is.False, "the outcome's record is still to come");

        gate.Settle();
        await drained.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_released_slot_admits_the_next_attempt_before_the_first_is_settled()
    {
        var gate = new StepGate(maxConcurrent: 1);
        Assert.That(await gate.EnterAsync(CancellationToken.None), Is.True);
        gate.ReleaseSlot();

        Assert.That(await gate.EnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)), Is.True,
            "recording an outcome does not hold the concurrency slot");
        gate.ReleaseSlot();
        gate.Settle();
        gate.Settle();
        await gate.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_draining_gate_admits_no_attempt()
    {
        var gate = new StepGate(maxConcurrent: null);
        await gate.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await gate.EnterAsync(CancellationToken.None), Is.False);
    }
}
