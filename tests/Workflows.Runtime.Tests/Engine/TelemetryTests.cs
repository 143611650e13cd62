using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>What an operator sees: log scopes, activities and metrics.</summary>
public sealed class TelemetryTests : EngineTestBase
{
    public TelemetryTests() : base(StoreKind.LiteDb) { }

    [Test]
    public async Task Step_logs_carry_the_instance_and_operation_in_their_scope_and_workflow_logs_are_silent_on_replay()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var stepLogger = factory.CreateLogger("Shop.Payments");
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, int>("Logged", async _ =>
        {
            Workflow.Logger.LogInformation("charging");
            var paid = await Workflow.RunStepAsync("Charge", null, _ => { stepLogger.LogInformation("calling the bank"); return Task.FromResult(5); });
            await Workflow.RunStepAsync("Hold", null, async t => { await gate.WaitAsync(t); return 0; });
            return paid;
        });

        Harness.Open(Register, o => o.LoggerFactory = factory);
        await Harness.Client.StartAsync<int, int>("Logged", 0, new() { InstanceId = "logged" });
        await gate.Entered.Within();

        var bank = logs.Entries.Single(e => e.Message == "calling the bank");
        Assert.That(bank.Scope["InstanceId"], Is.EqualTo("logged"));
        Assert.That(bank.Scope["WorkflowName"], Is.EqualTo("Logged"));
        Assert.That(bank.Scope["OperationId"], Is.EqualTo("/Charge#1"));
        var charging = logs.Entries.Single(e => e.Message == "charging");
        Assert.That(charging.Category, Is.EqualTo("Workflows.Workflow.Logged"));
        Assert.That(charging.Scope["InstanceId"], Is.EqualTo("logged"));

        await Harness.Engine!.DisposeAsync();
        Harness.Open(Register, o => o.LoggerFactory = factory);
        gate.Open();
        Assert.That(await Harness.Client.GetResultAsync<int>("logged").Within(), Is.EqualTo(5));
        Assert.That(logs.Entries.Count(e => e.Message == "charging"), Is.EqualTo(1), "the replayed workflow code logged nothing");
        Assert.That(logs.Entries.Count(e => e.Message == "calling the bank"), Is.EqualTo(1), "the recorded step did not run again");
    }

    [Test]
    public async Task Workflow_runs_steps_timers_and_children_are_traced_with_their_ids()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == WorkflowDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        Harness.Open(r =>
        {
            r.Add<int, int>("TracedChild", async n => await Workflow.RunStepAsync("Square", null, _ => Task.FromResult(n * n)));
            r.Add<int, int>("Traced", async n =>
            {
                await Workflow.DelayAsync(TimeSpan.FromMilliseconds(1));
                return await Workflow.RunChildWorkflowAsync<int, int>("TracedChild", n);
            });
        });

        Assert.That(await Harness.Client.RunAsync<int, int>("Traced", 3, new() { InstanceId = "traced" }).Within(), Is.EqualTo(9));
        await Eventually.TrueAsync(() => spans.Any(s => s.DisplayName == "workflow Traced"));
        var mine = spans.Where(s => ((string?)s.GetTagItem("workflow.instance_id"))?.StartsWith("traced", StringComparison.Ordinal) == true).ToList();
        Assert.That(mine.Select(s => s.DisplayName), Is.SupersetOf(new[] { "workflow Traced", "workflow TracedChild", "step Square", "timer /$timer#1", "child TracedChild" }));
        var step = mine.Single(s => s.DisplayName == "step Square");
        Assert.That(step.GetTagItem("workflow.operation_id"), Is.EqualTo("/Square#1"));
        Assert.That(step.GetTagItem("workflow.instance_id"), Does.StartWith("traced::sub::"));
    }

    [Test]
    public async Task Steps_replays_and_commits_are_measured()
    {
        var measured = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WorkflowDiagnostics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "workflow.name" && tag.Value as string != "Metered") return;
            }
            measured.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, int>("Metered", async _ =>
        {
            var a = await Workflow.RunStepAsync("One", null, _ => Task.FromResult(1));
            var b = await Workflow.RunStepAsync("Two", null, async t => { await gate.WaitAsync(t); return 2; });
            return a + b;
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Metered", 0, new() { InstanceId = "metered" });
        await gate.Entered.Within();
        await Harness.Engine!.DisposeAsync();
        gate.Open();
        Harness.Open(Register);
        await Harness.Client.GetResultAsync<int>("metered").Within();

        Assert.That(measured.GetValueOrDefault("workflows.instances.started"), Is.EqualTo(1));
        Assert.That(measured.GetValueOrDefault("workflows.instances.ended"), Is.EqualTo(1));
        Assert.That(measured.GetValueOrDefault("workflows.steps"), Is.EqualTo(2), "One ran once, Two once after the restart");
        Assert.That(measured.GetValueOrDefault("workflows.replays"), Is.EqualTo(1));
        Assert.That(measured.GetValueOrDefault("workflows.replayed_operations"), Is.EqualTo(1));
        Assert.That(measured.GetValueOrDefault("workflows.store.commit.batch_size"), Is.GreaterThan(0));
    }

    private sealed record LogEntry(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((s, d) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs) foreach (var (k, v) in pairs) d[k] = v;
                }, scope);
                owner.Entries.Enqueue(new LogEntry(category, formatter(state, exception), scope));
            }
        }
    }
}
