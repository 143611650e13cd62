namespace Workflows.Execution;

/// <summary>
/// Runs one instance's workflow code on one logical thread: queued continuations run only when the instance's
/// driver drains the queue, one at a time, never inline, so the interleaving of workflow code is decided by the
/// order in which the driver delivers completions and nothing else.
/// </summary>
internal sealed class WorkflowTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();
    private readonly Lock _gate = new();
    private readonly Action _wake;
    private readonly TaskFactory _factory;
    private bool _draining;

    /// <param name="wake">Called when work is queued from outside a drain (a non-durable await completed), so
    /// the driver drains it.</param>
    public WorkflowTaskScheduler(Action wake)
    {
        _wake = wake;
        _factory = new TaskFactory(CancellationToken.None, TaskCreationOptions.None, TaskContinuationOptions.ExecuteSynchronously, this);
    }

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>
    /// Queues <paramref name="code"/> as workflow code and drains: the driver's own work, which needs no wake-up
    /// (waking the driver for each delivered outcome once cost half of a replay).
    /// </summary>
    public void RunAndDrain(Action code, WorkflowContext context)
    {
        lock (_gate) _draining = true;
        _factory.StartNew(code);
        Drain(context);
    }

    /// <summary>
    /// Runs the queued workflow code until none is left, from workflow code that <see cref="Drain"/> or
    /// <see cref="RunAndDrain"/> is running on this scheduler (so the ambient context is already set).
    /// </summary>
    public void RunQueued()
    {
        while (true)
        {
            Task? next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next)) return;
            }
            TryExecuteTask(next);
        }
    }

    /// <summary>Runs queued workflow code until none is left, with <paramref name="context"/> as the ambient context.</summary>
    public void Drain(WorkflowContext context)
    {
        var previousSync = SynchronizationContext.Current;
        var previousContext = WorkflowContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        WorkflowContext.Current = context;
        try
        {
            while (true)
            {
                Task? next;
                lock (_gate)
                {
                    _draining = _queue.TryDequeue(out next);
                    if (!_draining) break;
                }
                TryExecuteTask(next!);
            }
        }
        finally
        {
            lock (_gate) _draining = false;
            WorkflowContext.Current = previousContext;
            SynchronizationContext.SetSynchronizationContext(previousSync);
        }
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        bool wake;
        lock (_gate)
        {
            _queue.Enqueue(task);
            wake = !_draining;
        }
        if (wake) _wake();
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate) return _queue.ToArray();
    }
}
