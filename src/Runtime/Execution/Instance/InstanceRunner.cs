using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// One run of one execution of one instance, made of collaborators with one job each: the
/// <see cref="InstanceDriver"/> runs the workflow code and delivers outcomes, the <see cref="InstanceJournal"/>
/// writes them, the <see cref="InstanceInbox"/> and <see cref="ChildCalls"/> take messages and children, and the
/// <see cref="InstanceLifecycle"/> begins and ends the run. This type wires them and is what the engine holds.
/// </summary>
internal sealed class InstanceRunner
{
    private readonly RuntimeServices _services;
    private readonly WorkflowDefinition _definition;

    public InstanceRunner(RuntimeServices services, WorkflowDefinition definition, InstanceRecord instance, IEnumerable<JournalEntry> journal, bool resumed = false)
    {
        _services = services;
        Resumed = resumed;
        _definition = definition;
        var work = Channel.CreateUnbounded<WorkItem>(new() { SingleReader = true });
        Logger = services.LoggerFactory.CreateLogger("Workflows.Instance");
        Steps = new StepGate(null, services.Steps);
        Lifecycle = new InstanceLifecycle(this, services, definition, instance);
        Journal = new InstanceJournal(services.Store, services.Host, new ReplayJournal(journal), instance, work.Writer, Lifecycle.Halt);
        Driver = new InstanceDriver(this, services, work);
        Inbox = new InstanceInbox(this);
        Suspension = new InstanceSuspension(this);
        Children = new ChildCalls(this, services);
        Deadline = new InstanceDeadline(this, services);
        Context = new WorkflowContext(this, Journal.Recorded, services.LoggerFactory.CreateLogger($"Workflows.Workflow.{definition.Name}"));
    }

    public InstanceDriver Driver { get; }

    /// <summary>A write the run waits for before it replays (the count of a recovery); null when there is none.</summary>
    public Task? Prelude { get; init; }

    /// <summary>Whether a run before this one may have stopped while running the instance's steps (their attempts then count).</summary>
    public bool Resumed { get; }

    public InstanceJournal Journal { get; }

    public InstanceInbox Inbox { get; }

    public InstanceSuspension Suspension { get; }

    public ChildCalls Children { get; }

    public InstanceDeadline Deadline { get; }

    public InstanceLifecycle Lifecycle { get; }

    public WorkflowContext Context { get; }

    public string InstanceId => Lifecycle.Instance.InstanceId;

    public string WorkflowName => _definition.Name;

    public WorkflowDefinition Definition => _definition;

    public IInstanceHost Host => _services.Host;

    public int Execution => Lifecycle.Instance.Execution;

    public PayloadSerializer Serializer => _services.Serializer;

    public ILogger Logger { get; }

    public CancellationToken StopToken => Lifecycle.StopToken;

    /// <summary>Step bodies a test put in place of the real ones, if any.</summary>
    public StepReplacements? Replacements => _services.Replacements;

    /// <summary>The clock of workflow time.</summary>
    public TimeProvider Time => _services.Time;

    /// <summary>Now, by the clock of workflow time.</summary>
    public DateTime UtcNow => _services.Time.GetUtcNow().UtcDateTime;

    /// <summary>How many durable calls an execution makes before continuing as new is suggested.</summary>
    public int ContinueAsNewSuggestedAfter => _services.ContinueAsNewSuggestedAfter;

    /// <summary>Admits this instance's step attempts, through the engine's gate.</summary>
    public StepGate Steps { get; }

    /// <inheritdoc cref="InstanceLifecycle.Completion"/>
    public Task<InstanceRecord> Completion => Lifecycle.Completion;

    /// <inheritdoc cref="InstanceLifecycle.HaltReason"/>
    public Exception? HaltReason => Lifecycle.HaltReason;

    public Task RunAsync() => Task.Run(Driver.DriveAsync);

    /// <inheritdoc cref="InstanceInbox.Deliver"/>
    public void Deliver(InboxMessage message) => Inbox.Deliver(message);

    /// <inheritdoc cref="InstanceLifecycle.Halt"/>
    public void Halt(Exception reason) => Lifecycle.Halt(reason);

    /// <inheritdoc cref="InstanceLifecycle.Terminated"/>
    public void Terminated(InstanceRecord record) => Lifecycle.Terminated(record);

    /// <inheritdoc cref="InstanceLifecycle.Abandon"/>
    public void Abandon() => Lifecycle.Abandon();

    /// <inheritdoc cref="ReplayOnlyRun.RunAsync"/>
    public Task<WorkflowReplayResult> ReplayOnlyAsync(Action<WorkflowReplayResult>? atEnd = null) => new ReplayOnlyRun(this, _definition).RunAsync(atEnd);
}
