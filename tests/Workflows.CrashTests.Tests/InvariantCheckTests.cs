using Workflows.CrashTests.Harness;
using Workflows.CrashTests.Workload;
using Workflows.Storage;

namespace Workflows.CrashTests.Tests;

/// <summary>The harness's checks catch each violation they exist for.</summary>
public sealed class InvariantCheckTests
{
    private static readonly OperationRef Add1 = new("order-1", 1, "/Add#1");
    private static readonly OperationRef Add2 = new("order-1", 1, "/Add#2");
    private static readonly Dictionary<string, string?> Reference = new() { ["order-1"] = "42" };

    private static JournalSnapshot Snapshot(WorkflowStatus status, string? output, params (OperationRef Operation, string Result, long Index)[] outcomes) => new(
        outcomes.ToDictionary(o => o.Operation, o => new Outcome(JournalEntryStatus.Completed, o.Result, o.Index)),
        new Dictionary<string, InstanceRecord>
        {
            ["order-1"] = new() { InstanceId = "order-1", WorkflowName = "Order", Status = status, Output = output },
        });

    private static LedgerLine Attempt(OperationRef operation, int attempt = 1) => new(operation.InstanceId, operation.Execution, operation.OperationId, attempt, 0);

    private static LedgerLine Ack(OperationRef operation) => Attempt(operation, LedgerLine.Acknowledged);

    /// <summary>The lines as written one after another: the n-th (from 1) at time 2n.</summary>
    private static LedgerLine[] Written(params LedgerLine[] lines) => [.. lines.Select((line, i) => line with { At = 2 * (i + 1) })];

    /// <summary>A kill after which the store was read at once, after the first <paramref name="lines"/> lines were written and before the next.</summary>
    private static KillPoint Kill(JournalSnapshot snapshot, int lines) => new(snapshot, 2 * lines + 1, 2 * lines + 1);

    [Test]
    public void A_clean_history_passes_and_counts_an_in_flight_attempt_as_reexecuted()
    {
        var atKill = Snapshot(WorkflowStatus.Running, null, (Add1, "1", 1));
        var final = Snapshot(WorkflowStatus.Completed, "42", (Add1, "1", 1), (Add2, "2", 2));
        var ledger = Written(Attempt(Add1), Ack(Add1), Attempt(Add2), /* killed before /Add#2 was durable */ Attempt(Add2), Ack(Add2));

        var findings = InvariantCheck.Evaluate([Kill(atKill, 3)], final, ledger, Reference);

        Assert.That(findings.Problems, Is.Empty);
        Assert.That((findings.Lost, findings.Duplicated, findings.Unfinished, findings.Reexecuted), Is.EqualTo((0, 0, 0, 1)));
    }

    [Test]
    public void A_durable_outcome_that_disappears_is_lost_and_one_that_changes_is_duplicated()
    {
        var atKill = Snapshot(WorkflowStatus.Running, null, (Add1, "1", 1), (Add2, "2", 2));
        var final = Snapshot(WorkflowStatus.Completed, "42", (Add2, "3", 3));

        var findings = InvariantCheck.Evaluate([Kill(atKill, 0)], final, [], Reference);

        Assert.That(findings.Lost, Is.EqualTo(1));
        Assert.That(findings.Duplicated, Is.EqualTo(1));
    }

    [Test]
    public void A_step_that_completed_durably_and_ran_again_is_duplicated()
    {
        var atKill = Snapshot(WorkflowStatus.Running, null, (Add1, "1", 1));
        var final = Snapshot(WorkflowStatus.Completed, "42", (Add1, "1", 1));

        var findings = InvariantCheck.Evaluate([Kill(atKill, 1)], final, Written(Attempt(Add1), Attempt(Add1, 2)), Reference);

        Assert.That(findings.Duplicated, Is.EqualTo(1));
        Assert.That(findings.Problems.Single(), Does.Contain("ran again after kill 1"));
    }

    [Test]
    public void An_outcome_acknowledged_to_workflow_code_before_it_was_durable_is_lost()
    {
        var atKill = Snapshot(WorkflowStatus.Running, null);
        var final = Snapshot(WorkflowStatus.Completed, "42", (Add1, "1", 1));

        var findings = InvariantCheck.Evaluate([Kill(atKill, 2)], final, Written(Attempt(Add1), Ack(Add1)), Reference);

        Assert.That(findings.Lost, Is.EqualTo(1));
        Assert.That(findings.Problems.Single(), Does.Contain("acknowledged before it was durable"));
    }

    [Test]
    public void With_other_workers_running_only_what_was_written_before_the_read_must_be_in_it()
    {
        // Another worker acknowledged /Add#2 while the store was being read, and ran /Add#1 again after it.
        var atKill = Snapshot(WorkflowStatus.Running, null, (Add1, "1", 1));
        var final = Snapshot(WorkflowStatus.Completed, "42", (Add1, "1", 1), (Add2, "2", 2));
        var ledger = Written(Attempt(Add1), Ack(Add1), Attempt(Add2), Ack(Add2), Attempt(Add1, 2));

        var findings = InvariantCheck.Evaluate([new KillPoint(atKill, ReadStarted: 7, ReadEnded: 9)], final, ledger, Reference);

        Assert.That(findings.Lost, Is.Zero, "the acknowledgment came after the read started");
        Assert.That(findings.Duplicated, Is.EqualTo(1), "the attempt came after the read ended, of a step it held as completed");
    }

    [Test]
    public void An_unfinished_instance_or_a_different_result_is_reported()
    {
        var running = InvariantCheck.Evaluate([], Snapshot(WorkflowStatus.Running, null), [], Reference);
        Assert.That(running.Unfinished, Is.EqualTo(1));

        var different = InvariantCheck.Evaluate([], Snapshot(WorkflowStatus.Completed, "41"), [], Reference);
        Assert.That(different.Differing, Is.EqualTo(new[] { "order-1" }));
    }
}
