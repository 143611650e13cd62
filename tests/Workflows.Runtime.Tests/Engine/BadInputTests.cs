using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class BadInputTests(StoreKind kind) : EngineTestBase(kind)
{

    [SetUp]
    public void RegisterWorkflows()
    {
        Harness.Open(r => r
            .Add<int, int>("Echo", x => Task.FromResult(x))
            .Add<Unserializable, int>("Odd", _ => Task.FromResult(0))
            .Add<string, int>("Text", s => Task.FromResult(s.Length)));
    }

    public sealed record Unserializable(Type Kind);

    private static IEnumerable<TestCaseData> RejectedIds()
    {
        yield return new TestCaseData("").SetName("empty");
        yield return new TestCaseData(new string('a', 257)).SetName("257 characters");
        yield return new TestCaseData("order\n42").SetName("control character");
        yield return new TestCaseData("order::sub::1").SetName("child marker");
        yield return new TestCaseData("sub::order").SetName("reserved prefix");
        // No white space of any kind, nothing invisible: IDs that look alike must be alike.
        foreach (var (c, name) in new[]
        {
            ('\t', "tab"), (' ', "space"), ('\u00A0', "no-break space"), ('\u1680', "ogham space"), ('\u2003', "em space"),
            ('\u2028', "line separator"), ('\u2029', "paragraph separator"), ('\u3000', "ideographic space"), ('\u0085', "next line"),
            ('\u200B', "zero-width space"), ('\u200D', "zero-width joiner"), ('\uFEFF', "byte order mark"), ('\u202E', "right-to-left override"),
            ('\uE000', "private use"), ('\u0378', "unassigned"), ('\uD800', "unpaired surrogate"), ('\u007F', "delete"),
        })
        {
            yield return new TestCaseData($"job-{c}1").SetName($"{name} inside");
            yield return new TestCaseData($"job-1{c}").SetName($"{name} at the end");
        }
        yield return new TestCaseData("   ").SetName("only spaces");
    }

    [TestCaseSource(nameof(RejectedIds))]
    public async Task Invalid_instance_ids_are_rejected_before_anything_is_written(string id)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, int>("Echo", 1, new() { InstanceId = id }));
        Assert.That(error!.Message, Does.Contain("instance ID"));
        Assert.That(error.ParamName, Is.EqualTo("options.InstanceId"));
        Assert.That(await Harness.Client.ListInstancesAsync(), Is.Empty);
    }

    [Test]
    public async Task The_empty_id_error_says_what_to_do_and_a_bad_character_is_shown_escaped_with_its_position()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, int>("Echo", 1, new() { InstanceId = "" }));
        Assert.That(empty!.Message, Does.Contain("must not be empty").And.Contain("leave it unset"));
        var separator = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, int>("Echo", 1, new() { InstanceId = "job\u20281" }));
        Assert.That(separator!.Message, Does.Contain("'job\\u20281'").And.Contain("U+2028 at position 3"));
    }

    [Test]
    public async Task Plain_double_colons_and_the_maximum_length_are_valid()
    {
        Assert.That(await Harness.Client.RunAsync<int, int>("Echo", 3, new() { InstanceId = "tenant::order::42" }).Within(), Is.EqualTo(3));
        Assert.That(await Harness.Client.RunAsync<int, int>("Echo", 4, new() { InstanceId = new string('x', 256) }).Within(), Is.EqualTo(4));
        Assert.That(await Harness.Client.RunAsync<int, int>("Echo", 5, new() { InstanceId = "Bestellung-Ärger-注文-🚚" }).Within(), Is.EqualTo(5), "printable text of any script, emoji included");
        Assert.That(await Harness.Client.RunAsync<int, int>("Echo", 6, new() { InstanceId = "order::SUB::1" }).Within(), Is.EqualTo(6), "the reserved marker is case-sensitive");
    }

    [Test]
    public async Task Starting_a_taken_id_fails_naming_the_instance_and_its_status()
    {
        await Harness.Client.RunAsync<int, int>("Echo", 1, new() { InstanceId = "dup" }).Within();
        var error = await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() => Harness.Client.StartAsync<int, int>("Echo", 2, new() { InstanceId = "dup" }));
        Assert.That(error!.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(error.Message, Does.Contain("'dup'").And.Contain("Completed").And.Contain("AllowIfTerminal"));
    }

    [Test]
    public async Task Reusing_a_terminal_id_purges_the_old_journal_so_nothing_stale_is_replayed()
    {
        var runs = new Counters();
        await using var harness = new EngineHarness(Kind);
        harness.Open(r => r.Add<int, int>("Twice", async x => await Workflow.RunStepAsync("Compute", null, _ => { runs.Hit("Compute"); return Task.FromResult(x * 2); })));

        Assert.That(await harness.Client.RunAsync<int, int>("Twice", 1, new() { InstanceId = "reuse" }).Within(), Is.EqualTo(2));
        var second = await harness.Client.RunAsync<int, int>("Twice", 5, new() { InstanceId = "reuse", IdReusePolicy = WorkflowIdReusePolicy.AllowIfTerminal }).Within();

        Assert.That(second, Is.EqualTo(10), "the new run computed live instead of replaying the old result");
        Assert.That(runs["Compute"], Is.EqualTo(2));
        var journal = await harness.JournalAsync("reuse");
        Assert.That(journal.Single().Result, Is.EqualTo("10"));
    }

    [Test]
    public async Task A_running_instance_is_never_replaced_even_when_reuse_is_allowed()
    {
        var gate = new Gate();
        await using var harness = new EngineHarness(Kind);
        harness.Open(r => r.Add<int, int>("Busy", async _ => await Workflow.RunStepAsync("Wait", null, async t => { await gate.WaitAsync(t); return 1; })));
        await harness.Client.StartAsync<int, int>("Busy", 0, new() { InstanceId = "busy" });

        var error = await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() =>
            harness.Client.StartAsync<int, int>("Busy", 0, new() { InstanceId = "busy", IdReusePolicy = WorkflowIdReusePolicy.AllowIfTerminal }));
        Assert.That(error!.Message, Does.Contain("Running").And.Contain("cannot be replaced"));
        gate.Open();
        Assert.That(await harness.Client.GetHandle<int>("busy").GetResultAsync().Within(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unserializable_input_is_rejected_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<PayloadException>(() => Harness.Client.StartAsync<Unserializable, int>("Odd", new Unserializable(typeof(int)), new() { InstanceId = "odd" }));
        Assert.That(error!.Message, Does.Contain("input of workflow 'Odd'").And.Contain("'odd'").And.Contain("does not serialize"));
        Assert.That(await Harness.Client.ListInstancesAsync(), Is.Empty);
    }

    [Test]
    public async Task An_input_over_the_payload_limit_is_rejected_before_anything_is_written()
    {
        var huge = new string('x', 17 * 1024 * 1024);
        var error = await Assert.ThrowsAsync<PayloadException>(() => Harness.Client.StartAsync<string, int>("Text", huge, new() { InstanceId = "huge" }));
        Assert.That(error!.Message, Does.Contain("16,777,216-byte payload limit").And.Contain("MaxPayloadBytes"));
        Assert.That(await Harness.Client.ListInstancesAsync(), Is.Empty);
    }

    [Test]
    public async Task Unknown_workflows_and_mismatched_types_are_rejected_with_the_names_involved()
    {
        var missing = await Assert.ThrowsAsync<WorkflowNotRegisteredException>(() => Harness.Client.StartAsync<int, int>("Nope", 1));
        Assert.That(missing!.Message, Does.Contain("'Nope'").And.Contain("Echo"));
        var wrongInput = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<string, int>("Echo", "1"));
        Assert.That(wrongInput!.Message, Does.Contain("Echo").And.Contain("System.Int32").And.Contain("System.String"));
        var wrongOutput = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, string>("Echo", 1));
        Assert.That(wrongOutput!.Message, Does.Contain("returns System.Int32"));
    }

    [Test]
    public async Task Invalid_step_names_and_options_fail_the_workflow_with_the_step_named()
    {
        var options = new WorkflowEngineOptions().UseInMemory();
        options.Workflows.Add<int, int>("BadStep", async _ => await Workflow.RunStepAsync("a/b", null, _ => Task.FromResult(1)));
        options.Workflows.Add<int, int>("BadOptions", async _ => await Workflow.RunStepAsync("ok", new StepOptions { MaxAttempts = 0 }, _ => Task.FromResult(1)));
        await using var engine = WorkflowEngine.Create(options);
        var name = await Assert.ThrowsAsync<WorkflowFailedException>(() => engine.Client.RunAsync<int, int>("BadStep", 0).Within());
        Assert.That(name!.Message, Does.Contain("'a/b'").And.Contain("'/'"));
        var attempts = await Assert.ThrowsAsync<WorkflowFailedException>(() => engine.Client.RunAsync<int, int>("BadOptions", 0).Within());
        Assert.That(attempts!.Message, Does.Contain("Step 'ok'").And.Contain("MaxAttempts"));
    }
}
