using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class VersioningTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly WorkflowManifest Version1 = Manifest(("Step", "Reserve"), ("Step", "Wait"), ("Step", "Ship"));

    // NUnit shares one fixture object between its tests: each test gets its own gate and counters.
    private Gate _gate = null!;
    private Counters _counters = null!;

    [SetUp]
    public void CreateGate()
    {
        _gate = new Gate();
        _counters = new Counters();
    }

    [Test]
    public async Task A_call_removed_before_the_recorded_position_stops_the_resume_before_any_replay_and_names_the_call_site()
    {
        await StartAndHoldAsync();
        var changed = Manifest(("Step", "Audit"), ("Step", "Wait"), ("Step", "Ship"));

        await Harness.RestartAsync(r => Register(r, changed));
        var error = await Assert.ThrowsAsync<WorkflowVersionMismatchException>(() => Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within());

        Assert.That(error!.RecordedCallSite, Is.EqualTo(new WorkflowCallSite("Step", "Reserve", 1)));
        Assert.That(error.CurrentCallSite, Is.EqualTo(new WorkflowCallSite("Step", "Audit", 1)));
        Assert.That(error.Message, Does.Contain("v-1").And.Contain("Step Reserve#1").And.Contain("Step Audit#1"));
        Assert.That(_counters["Code"], Is.EqualTo(1), "the workflow code never ran against the changed manifest");
        var status = await Harness.Client.GetStatusAsync("v-1");
        Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Running), "the instance is left intact");
        Assert.That(status.StalledReason, Does.Contain("Step Reserve#1"));
    }

    [Test]
    public async Task Calls_reordered_at_the_recorded_position_are_incompatible()
    {
        await StartAndHoldAsync();
        var reordered = Manifest(("Step", "Wait"), ("Step", "Reserve"), ("Step", "Ship"));

        await Harness.RestartAsync(r => Register(r, reordered));

        var error = await Assert.ThrowsAsync<WorkflowVersionMismatchException>(() => Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within());
        Assert.That(error!.RecordedCallSite, Is.EqualTo(new WorkflowCallSite("Step", "Reserve", 1)));
    }

    [Test]
    public async Task Calls_changed_after_the_recorded_position_resume_and_the_new_manifest_is_adopted()
    {
        await StartAndHoldAsync();
        var appended = Manifest(("Step", "Reserve"), ("Step", "Wait"), ("Step", "Pack"), ("Step", "Ship"));

        await Harness.RestartAsync(r => Register(r, appended));
        _gate.Open();
        var result = await Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within();

        Assert.That(result, Is.EqualTo("r-shipped"));
        var stored = await Harness.Store.GetInstanceAsync("v-1");
        Assert.That(stored!.Manifest, Is.EqualTo(appended.Text));
    }

    [Test]
    public async Task The_previous_code_resumes_an_instance_that_a_mismatch_stopped()
    {
        await StartAndHoldAsync();
        await Harness.RestartAsync(r => Register(r, Manifest(("Step", "Audit"))));
        await Assert.ThrowsAsync<WorkflowVersionMismatchException>(() => Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within());

        await Harness.RestartAsync(r => Register(r, Version1));
        _gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within(), Is.EqualTo("r-shipped"));
    }

    [Test]
    public void A_manifest_round_trips_through_its_stored_form()
    {
        var manifest = Manifest(("Step", "Reserve"), ("Value", "$now"), ("Workflow", "Invoice"), ("Step", "Reserve"));

        var parsed = WorkflowManifest.Parse(manifest.Text);

        Assert.That(parsed, Is.EqualTo(manifest));
        Assert.That(parsed.Hash, Is.EqualTo(manifest.Hash));
        Assert.That(parsed.CallSites[3], Is.EqualTo(new WorkflowCallSite("Step", "Reserve", 2)));
    }

    private async Task StartAndHoldAsync()
    {
        Harness.Open(r => Register(r, Version1));
        await Harness.Client.StartAsync<int, string>("Versioned", 0, new() { InstanceId = "v-1" });
        await _gate.Entered.Within();
        Assert.That((await Harness.Store.GetInstanceAsync("v-1"))!.Manifest, Is.EqualTo(Version1.Text), "the manifest is stored at start");
    }

    private void Register(WorkflowRegistry registry, WorkflowManifest manifest) =>
        registry.Add(WorkflowDefinition.Create<int, string>("Versioned", async _ =>
        {
            _counters.Hit("Code");
            var reserved = await Workflow.RunStepAsync("Reserve", null, _ => Task.FromResult("r"));
            await Workflow.RunStepAsync("Wait", null, async token => { await _gate.WaitAsync(token); return 0; });
            await Workflow.RunStepAsync("Ship", null, _ => Task.FromResult(0));
            return reserved + "-shipped";
        }, manifest));

    private static WorkflowManifest Manifest(params (string Kind, string Name)[] calls)
    {
        var seen = new Dictionary<string, int>();
        return new WorkflowManifest([.. calls.Select(c =>
        {
            seen[c.Kind + c.Name] = seen.GetValueOrDefault(c.Kind + c.Name) + 1;
            return new WorkflowCallSite(c.Kind, c.Name, seen[c.Kind + c.Name]);
        })]);
    }
}
