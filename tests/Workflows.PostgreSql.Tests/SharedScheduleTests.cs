using System.Collections.Concurrent;
using System.Globalization;

namespace Workflows.PostgreSql.Tests;

/// <summary>Three workers declare and run one schedule: every scheduled time starts once, also when workers stop.</summary>
public sealed class SharedScheduleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private string _schema = null!;
    private readonly List<WorkflowEngine> _engines = [];
    // "{engine} {run}" for each execution of a run's step.
    private readonly ConcurrentQueue<string> _ran = new();

    [SetUp]
    public void SetUp() => _schema = PostgresServer.NewSchema();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var engine in _engines) await engine.DisposeAsync();
        _engines.Clear();
        await PostgresServer.DropSchemaAsync(_schema);
    }

    private WorkflowEngine Open(string name)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        options.UsePostgreSql(PostgresServer.ConnectionString, o =>
        {
            o.Schema = _schema;
            o.WorkerId = name;
            o.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        options.Workflows.Add(WorkflowDefinition.Create<object?, string>("Beat", async _ =>
        {
            var run = Workflow.InstanceId;
            return await Workflow.RunStepAsync("beat", null, _ =>
            {
                _ran.Enqueue($"{name} {run}");
                return Task.FromResult(run);
            });
        }).WithSchedules(new ScheduleAttribute { Id = "beat", IntervalSeconds = 1, Overlap = ScheduleOverlapPolicy.AllowAll, CatchupWindowSeconds = 60 }));
        var engine = WorkflowEngine.Create(options);
        _engines.Add(engine);
        return engine;
    }

    [Test]
    public async Task Three_workers_start_each_second_of_a_declared_schedule_once_while_two_of_them_stop()
    {
        var workers = new[] { Open("a"), Open("b"), Open("c") };
        await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(Patience);
        var survivor = workers[2];
        Assert.That((await survivor.Schedules.ListAsync()).Select(s => s.ScheduleId), Is.EqualTo(new[] { "beat" }), "three workers declared it once");

        await Task.Delay(TimeSpan.FromSeconds(2));
        await workers[0].DisposeAsync();
        _engines.Remove(workers[0]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await workers[1].DisposeAsync();
        _engines.Remove(workers[1]);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var schedule = await survivor.Schedules.PauseAsync("beat", "test over").WaitAsync(Patience);
        var runs = (await survivor.Client.QueryInstancesAsync(new WorkflowInstanceQuery { WorkflowName = "Beat", PageSize = 1000 })).Instances;
        foreach (var run in runs) await survivor.Client.WaitForCompletionAsync(run.InstanceId).WaitAsync(Patience);
        var times = runs.Select(r => DateTime.Parse(r.InstanceId["beat@".Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).Order().ToList();

        Assert.That(schedule.MissedRuns, Is.Zero);
        Assert.That(schedule.StartedRuns, Is.EqualTo(runs.Count), "each start counted once");
        Assert.That(runs.Count, Is.GreaterThanOrEqualTo(5));
        Assert.That(times.Zip(times.Skip(1), (a, b) => b - a), Is.All.EqualTo(TimeSpan.FromSeconds(1)), "one run per second, none missed across the stops: " + string.Join(" ", times.Select(t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture))));
        var executions = _ran.Select(line => line.Split(' ')[1]).GroupBy(run => run).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(executions.Keys, Is.EquivalentTo(runs.Select(r => r.InstanceId)));
        Assert.That(executions.Count(e => e.Value > 1), Is.LessThanOrEqualTo(2), "a run's step ran again only where a stopping worker abandoned it: " + string.Join(" ", _ran));
    }
}
