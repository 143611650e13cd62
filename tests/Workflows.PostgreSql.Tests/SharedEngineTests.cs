using System.Collections.Concurrent;

namespace Workflows.PostgreSql.Tests;

/// <summary>Two engines on one database: work spreads, messages, children and terminations cross workers.</summary>
public sealed class SharedEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private string _schema = null!;
    private readonly List<WorkflowEngine> _engines = [];
    // Which engine ran each step attempt: "{engine} {instance} {operation}".
    private readonly ConcurrentQueue<string> _ran = new();

    [SetUp]
    public void SetUp()
    {
        _schema = PostgresServer.NewSchema();
        _ran.Clear();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var engine in _engines) await engine.DisposeAsync();
        _engines.Clear();
        await PostgresServer.DropSchemaAsync(_schema);
    }

    private WorkflowEngine Open(string name, Action<WorkflowRegistry> register, Action<WorkflowEngineOptions>? configure = null)
    {
        var engine = WorkflowEngine.Create(Options(name, register, configure));
        _engines.Add(engine);
        return engine;
    }

    private WorkflowEngineOptions Options(string name, Action<WorkflowRegistry> register, Action<WorkflowEngineOptions>? configure)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        options.UsePostgreSql(PostgresServer.ConnectionString, o =>
        {
            o.Schema = _schema;
            o.WorkerId = name;
            o.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        register(options.Workflows);
        configure?.Invoke(options);
        return options;
    }

    private Func<int, Task<int>> Steps(string engine, int count) => async input =>
    {
        var total = input;
        for (var i = 0; i < count; i++)
        {
            total += await Workflow.RunStepAsync($"Add", null, async _ =>
            {
                _ran.Enqueue($"{engine} {Workflow.Step.InstanceId} {Workflow.Step.OperationId}");
                await Task.Delay(5);
                return 1;
            });
        }
        return total;
    };

    [Test]
    public async Task Instances_started_through_one_engine_spread_over_both_and_each_step_runs_once()
    {
        long claimed = 0;
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Workflows" && instrument.Name == "workflows.shared.claimed") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref claimed, value));
        meters.Start();
        var a = Open("a", r => r.Add("Sum", Steps("a", 5)), o => o.MaxConcurrentInstances = 4);
        Open("b", r => r.Add("Sum", Steps("b", 5)), o => o.MaxConcurrentInstances = 4);
        await a.Ready;

        var handles = new List<WorkflowHandle<int>>();
        for (var i = 0; i < 40; i++) handles.Add(await a.Client.StartAsync<int, int>("Sum", i, new() { InstanceId = $"sum-{i}" }));
        var results = await Task.WhenAll(handles.Select(h => h.GetResultAsync())).WaitAsync(Patience);

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 40).Select(i => i + 5)));
        var attempts = _ran.ToList();
        Assert.That(attempts.Select(a => a[2..]).Distinct().Count(), Is.EqualTo(200), "every step ran");
        Assert.That(attempts, Has.Count.EqualTo(200), "and only once");
        Assert.That(attempts.Select(a => a[0]).Distinct(), Is.EquivalentTo(new[] { 'a', 'b' }), "both workers took part");
        Assert.That(Interlocked.Read(ref claimed), Is.EqualTo(40), "each instance was claimed once, by one of the workers");
    }

    [Test]
    public async Task An_event_raised_through_another_engine_reaches_the_instance_where_it_runs()
    {
        var a = Open("a", r => r.Add<string, string>("Approval", async order => $"{order}: {await Workflow.WaitForEventAsync<string>("approved")}"),
            o => o.EvictSuspendedAfter = null);
        var b = Open("b", _ => { });
        await a.Client.StartAsync<string, string>("Approval", "o-1", new() { InstanceId = "approval" });
        await WaitUntilRunningOnAsync(a, "approval");

        await b.Client.RaiseEventAsync("approval", "approved", "yes");

        Assert.That(await b.Client.GetHandle<string>("approval").GetResultAsync().WaitAsync(Patience), Is.EqualTo("o-1: yes"));
    }

    [Test]
    public async Task An_evicted_instance_is_released_and_a_message_brings_it_back()
    {
        var a = Open("a", r => r.Add<string, string>("Approval", async order => $"{order}: {await Workflow.WaitForEventAsync<string>("approved")}"),
            o => o.EvictSuspendedAfter = TimeSpan.FromMilliseconds(100));
        var b = Open("b", _ => { });
        await a.Client.StartAsync<string, string>("Approval", "o-2", new() { InstanceId = "evicted" });
        await Eventually(async () => await OwnerAsync("evicted") is DBNull);

        await b.Client.RaiseEventAsync("evicted", "approved", "later");

        Assert.That(await a.Client.GetHandle<string>("evicted").GetResultAsync().WaitAsync(Patience), Is.EqualTo("o-2: later"));
    }

    [Test]
    public async Task A_timer_of_a_released_instance_fires_on_a_worker_that_runs_the_workflow()
    {
        var a = Open("a", r => r.Add<int, int>("Sleepy", async x =>
        {
            await Workflow.DelayAsync(TimeSpan.FromSeconds(1));
            return x + 1;
        }), o => o.EvictSuspendedAfter = TimeSpan.FromMilliseconds(50));

        Assert.That(await a.Client.RunAsync<int, int>("Sleepy", 41, new() { InstanceId = "sleepy" }).WaitAsync(Patience), Is.EqualTo(42));
    }

    [Test]
    public async Task A_child_runs_on_the_worker_that_has_its_workflow_and_its_end_reaches_the_parent_on_the_other()
    {
        var a = Open("a", r => r.Add<int, int>("Parent", async x => await Workflow.RunChildWorkflowAsync<int, int>("Child", x) * 10));
        Open("b", r => r.Add("Child", Steps("b", 3)));

        Assert.That(await a.Client.RunAsync<int, int>("Parent", 1, new() { InstanceId = "parent" }).WaitAsync(Patience), Is.EqualTo(40));
        Assert.That(_ran.Select(r => r.Split(' ')[1]).Distinct(), Is.EqualTo(new[] { "parent::sub::1:/Child#1" }));
        Assert.That(_ran.All(r => r.StartsWith("b ", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Terminating_through_another_engine_stops_the_run_where_it_is()
    {
        var a = Open("a", r => r.Add<string, string>("Approval", async order => await Workflow.WaitForEventAsync<string>("approved")),
            o => o.EvictSuspendedAfter = null);
        var b = Open("b", _ => { });
        await a.Client.StartAsync<string, string>("Approval", "o-3", new() { InstanceId = "doomed" });
        await WaitUntilRunningOnAsync(a, "doomed");

        await b.Client.TerminateAsync("doomed", "not wanted");

        var ended = await a.Client.WaitForCompletionAsync("doomed").WaitAsync(Patience);
        Assert.That((ended.Status, ended.StatusReason), Is.EqualTo((WorkflowStatus.Terminated, "not wanted")));
        await Eventually(() => Task.FromResult(!a.TryGetRunner("doomed", out _)));
    }

    [Test]
    public async Task An_instance_whose_worker_stopped_resumes_on_another_from_its_journal()
    {
        var gate = new TaskCompletionSource();
        var a = Open("a", r => r.Add<int, int>("Gated", async x =>
        {
            var first = await Workflow.RunStepAsync("First", null, _ => { _ran.Enqueue("a First"); return Task.FromResult(x); });
            return first + await Workflow.RunStepAsync("Second", null, async token => { _ran.Enqueue("a Second"); await gate.Task.WaitAsync(token); return 1; });
        }));
        await a.Client.StartAsync<int, int>("Gated", 1, new() { InstanceId = "moved" });
        await Eventually(() => Task.FromResult(_ran.Contains("a Second")));

        await a.DisposeAsync();
        var b = Open("b", r => r.Add<int, int>("Gated", async x =>
        {
            var first = await Workflow.RunStepAsync("First", null, _ => { _ran.Enqueue("b First"); return Task.FromResult(x); });
            return first + await Workflow.RunStepAsync("Second", null, _ => { _ran.Enqueue("b Second"); return Task.FromResult(1); });
        }));

        Assert.That(await b.Client.GetHandle<int>("moved").GetResultAsync().WaitAsync(Patience), Is.EqualTo(2));
        Assert.That(_ran, Does.Not.Contain("b First"), "the durable step was replayed, not run again");
        Assert.That(_ran, Does.Contain("b Second"));
    }

    [Test]
    public async Task An_instance_that_stops_on_its_journal_stays_with_its_worker_until_it_stops_then_fixed_code_takes_it()
    {
        var a = Open("a", r => r.Add<int, int>("Picky", x => Task.FromResult(x)));
        await a.Ready;
        var now = DateTime.UtcNow;
        // Stored by an older version whose input was a string: this code cannot read it.
        await a.Store.CommitAsync([new Storage.CreateInstance(new Storage.InstanceRecord
        {
            InstanceId = "picky", WorkflowName = "Picky", Status = WorkflowStatus.Running, Input = "\"text\"", CreatedAt = now, UpdatedAt = now,
        }, false)]);

        await Eventually(async () => (await a.Client.GetStatusAsync("picky")).StalledReason is not null);
        Assert.That((await a.Client.GetStatusAsync("picky")).StalledReason, Does.Contain("does not read"));
        Assert.That(await OwnerAsync("picky"), Is.EqualTo("a"), "held, not passed around workers running the same code");

        await a.DisposeAsync();
        var b = Open("b", r => r.Add<string, int>("Picky", text => Task.FromResult(text.Length)));

        Assert.That(await b.Client.GetHandle<int>("picky").GetResultAsync().WaitAsync(Patience), Is.EqualTo(4));
    }

    private async Task<object?> OwnerAsync(string instanceId) =>
        await PostgresServer.ScalarAsync($"SELECT owner FROM \"{_schema}\".instances WHERE instance_id = '{instanceId}'");

    private static async Task WaitUntilRunningOnAsync(WorkflowEngine engine, string instanceId) =>
        await Eventually(() => Task.FromResult(engine.TryGetRunner(instanceId, out _)));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (await condition()) return;
            await Task.Delay(10);
        }
        Assert.Fail("the condition was never met");
    }
}
