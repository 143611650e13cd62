using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class FailureTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly StepOptions QuickRetries = new() { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(5) };

    [Test]
    public async Task A_durable_call_after_ConfigureAwait_false_fails_the_workflow_with_what_to_change()
    {
        var ran = false;
        Harness.Open(r => r.Add<int, int>("Escaping", async _ =>
        {
            await Task.Delay(1).ConfigureAwait(false);
            return await Workflow.RunStepAsync("Charge", null, _ => { ran = true; return Task.FromResult(1); });
        }));

        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => Harness.Client.RunAsync<int, int>("Escaping", 0).Within());

        Assert.That(error!.Message, Does.Contain("Step 'Charge'").And.Contain("off the instance's scheduler").And.Contain("ConfigureAwait(false)"));
        Assert.That(ran, Is.False, "the step never ran outside the journal");
    }

    [Test]
    public async Task A_step_may_call_another_step_which_runs_inline_as_part_of_it()
    {
        Harness.Open(r => r.Add<int, int>("Nested", async _ =>
            await Workflow.RunStepAsync("Outer", null, async _ => 1 + await Workflow.RunStepAsync("Inner", null, _ => Task.FromResult(1)))));

        Assert.That(await Harness.Client.RunAsync<int, int>("Nested", 0).Within(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_step_is_retried_until_it_succeeds_and_its_attempts_are_journaled()
    {
        var attempts = new List<int>();
        Harness.Open(r => r.Add<int, int>("Retry", async _ => await Workflow.RunStepAsync("Flaky", QuickRetries, _ =>
        {
            attempts.Add(Workflow.Step.Attempt);
            return Workflow.Step.Attempt < 3 ? throw new TimeoutException("not yet") : Task.FromResult(7);
        })));

        Assert.That(await Harness.Client.RunAsync<int, int>("Retry", 0, new() { InstanceId = "retry" }).Within(), Is.EqualTo(7));
        Assert.That(attempts, Is.EqualTo(new[] { 1, 2, 3 }));
        var journal = await Harness.JournalAsync("retry");
        var entry = journal.Single(e => e.OperationId == "/Flaky#1");
        Assert.That(entry.Status, Is.EqualTo(JournalEntryStatus.Completed));
        Assert.That(entry.Attempts, Is.EqualTo(3));
        Assert.That(journal.Where(e => e != entry).Select(e => (e.OperationId, e.Status, e.Error?.Message)), Is.EquivalentTo(new[]
        {
            ("!attempt/Flaky#1@1", JournalEntryStatus.Failed, "not yet"),
            ("!attempt/Flaky#1@2", JournalEntryStatus.Failed, "not yet"),
        }), "each failed attempt is kept for the step's history");
    }

    [Test]
    public async Task A_non_retryable_exception_fails_the_step_on_the_first_attempt()
    {
        var runs = 0;
        var options = QuickRetries with { NonRetryableExceptions = [typeof(ArgumentException)] };
        Harness.Open(r => r.Add<int, string>("NoRetry", async _ =>
        {
            try
            {
                await Workflow.RunStepAsync<int>("Validate", options, _ => { runs++; throw new ArgumentOutOfRangeException("amount", "negative"); });
                return "no";
            }
            catch (StepFailedException ex)
            {
                return $"{ex.Attempts} {ex.ErrorType}";
            }
        }));

        var result = await Harness.Client.RunAsync<int, string>("NoRetry", 0, new() { InstanceId = "no-retry" }).Within();
        Assert.That(result, Is.EqualTo("1 System.ArgumentOutOfRangeException"));
        Assert.That(runs, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failure_is_rethrown_identically_on_replay_without_running_the_step_again()
    {
        var runs = new Counters();
        var gate = new Gate();
        var seen = new List<string>();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Compensate", async _ =>
        {
            try
            {
                await Workflow.RunStepAsync<int>("Charge", QuickRetries with { MaxAttempts = 2 }, _ =>
                {
                    runs.Hit("Charge");
                    throw new InvalidOperationException("card declined");
                });
            }
            catch (StepFailedException ex)
            {
                seen.Add($"{ex.OperationId}|{ex.Attempts}|{ex.ErrorType}|{ex.Error.Message}|{ex.Message}");
            }
            await Workflow.RunStepAsync("Refund", null, async token => { runs.Hit("Refund"); await gate.WaitAsync(token); });
            return "compensated";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Compensate", 0, new() { InstanceId = "comp" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("comp").GetResultAsync().Within(), Is.EqualTo("compensated"));
        Assert.That(runs["Charge"], Is.EqualTo(2), "two attempts live, none on replay");
        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(seen[1], Is.EqualTo(seen[0]), "workflow code saw the same exception live and on replay");
        Assert.That(seen[0], Does.StartWith("/Charge#1|2|System.InvalidOperationException|card declined|"));
    }

    [Test]
    public async Task A_workflow_that_throws_ends_Failed_with_its_error()
    {
        Harness.Open(r => r.Add<int, int>("Throws", async _ =>
        {
            await Workflow.RunStepAsync("Ok", null, _ => Task.FromResult(1));
            throw new FormatException("bad order line 3");
        }));

        var handle = await Harness.Client.StartAsync<int, int>("Throws", 0, new() { InstanceId = "throws" });
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().Within());
        Assert.That(error!.Error.Type, Is.EqualTo("System.FormatException"));
        Assert.That(error.Message, Does.Contain("throws").And.Contain("bad order line 3"));
        var status = await handle.GetStatusAsync();
        Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Failed));
        Assert.That(status.Error!.Message, Is.EqualTo("bad order line 3"));
    }

    [Test]
    public async Task A_step_result_over_the_payload_limit_fails_the_step_at_once_with_a_clear_error()
    {
        var runs = 0;
        var options = new WorkflowEngineOptions { MaxPayloadBytes = 4096 };
        await using var engine = WorkflowEngine.Create(options.UseInMemory());
        options.Workflows.Add<int, string>("Big", async _ =>
        {
            try
            {
                await Workflow.RunStepAsync("Download", QuickRetries, _ => { runs++; return Task.FromResult(new string('x', 10_000)); });
                return "stored";
            }
            catch (StepFailedException ex)
            {
                return ex.Error.Type + ": " + ex.Error.Message;
            }
        });

        var result = await engine.Client.RunAsync<int, string>("Big", 0).Within();
        Assert.That(result, Does.StartWith("Workflows.PayloadException").And.Contain("/Download#1").And.Contain("4,096-byte payload limit"));
        Assert.That(runs, Is.EqualTo(1), "an oversized result is never retried");
    }
}
