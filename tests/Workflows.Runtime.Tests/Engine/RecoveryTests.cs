using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>
/// MaxRecoveryAttempts on the embedded store: recoveries are resumes after a process died with the file open (here
/// its lock file is left marked open, as a killed process leaves it; ProcessKillTests kills real processes), counted
/// in a row without progress; clean restarts do not count.
/// </summary>
public sealed class RecoveryTests() : EngineTestBase(StoreKind.LiteDb)
{
    private static void Register(WorkflowRegistry r) => r.Add<int, string>("TwoEvents", async _ =>
        await Workflow.WaitForEventAsync<string>("a") + await Workflow.WaitForEventAsync<string>("b"));

    private static void Limit(WorkflowEngineOptions o) => o.MaxRecoveryAttempts = 2;

    private async Task<WorkflowEngine> RestartAsync(bool afterCrash)
    {
        await Harness.Engine!.DisposeAsync();
        if (afterCrash) await File.WriteAllBytesAsync(Harness.DatabasePath + ".lock", "1"u8.ToArray());
        var engine = Harness.Open(Register, Limit);
        await engine.Ready.Within();
        return engine;
    }

    private async Task<WorkflowInstanceInfo> StatusAsync() => await Harness.Client.GetStatusAsync("r-1");

    [Test]
    public async Task Clean_restarts_do_not_count_and_recoveries_without_progress_suspend_the_instance_until_it_is_resumed()
    {
        Harness.Open(Register, Limit);
        await Harness.Client.StartAsync<int, string>("TwoEvents", 0, new() { InstanceId = "r-1" });
        for (var i = 0; i < 4; i++) await RestartAsync(afterCrash: false);
        Assert.That((await StatusAsync()).Status, Is.EqualTo(WorkflowStatus.Running), "clean stops are not recoveries");

        await RestartAsync(afterCrash: true);
        await RestartAsync(afterCrash: true);
        Assert.That((await StatusAsync()).Status, Is.EqualTo(WorkflowStatus.Running), "two recoveries are allowed");
        await Harness.Client.RaiseEventAsync("r-1", "a", "x");
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("r-1")).Any(e => e.Kind == Workflows.Storage.JournalEntryKind.Event && e.Status == Workflows.Storage.JournalEntryStatus.Completed));

        await RestartAsync(afterCrash: true);
        await RestartAsync(afterCrash: true);
        Assert.That((await StatusAsync()).Status, Is.EqualTo(WorkflowStatus.Running), "the event was progress: the count started again");
        await RestartAsync(afterCrash: true);
        var stopped = await StatusAsync();
        Assert.That(stopped.Status, Is.EqualTo(WorkflowStatus.Suspended));
        Assert.That(stopped.StatusReason, Does.StartWith("Recovered 2 times in a row without progress (MaxRecoveryAttempts is 2)"));

        await Harness.Client.ResumeAsync("r-1");
        await RestartAsync(afterCrash: true);
        Assert.That((await StatusAsync()).Status, Is.EqualTo(WorkflowStatus.Running), "a resumed instance gets the full number again");
        await Harness.Client.RaiseEventAsync("r-1", "b", "y");
        Assert.That(await Harness.Client.GetResultAsync<string>("r-1").Within(), Is.EqualTo("xy"));
    }

    [Test]
    public void A_limit_below_one_is_refused()
    {
        Assert.That(() => Harness.Open(Register, o => o.MaxRecoveryAttempts = 0),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxRecoveryAttempts must be at least 1"));
        Assert.That(() => WorkflowDefinition.Create<int, int>("W", Task.FromResult).WithMaxRecoveryAttempts(0),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxRecoveryAttempts of workflow 'W'"));
    }
}
