namespace Workflows.Execution;

/// <summary>
/// The instance's pending <see cref="Workflow.WaitConditionAsync"/> calls. Their conditions read workflow state,
/// which only workflow code changes, so they are evaluated on the instance's scheduler after the code that runs on
/// each start, delivery and wake-up has drained: the same points on replay as live.
/// </summary>
internal sealed class ConditionWaits
{
    private readonly List<(Func<bool> Condition, TaskCompletionSource<bool> Met)> _waits = [];

    public bool IsEmpty => _waits.Count == 0;

    /// <summary>
    /// Registers a wait (from workflow code): it completes when <paramref name="condition"/> holds at an evaluation;
    /// completing it otherwise (cancelled, timed out) retires it.
    /// </summary>
    public TaskCompletionSource<bool> Add(Func<bool> condition)
    {
        var met = new TaskCompletionSource<bool>();
        _waits.Add((condition, met));
        return met;
    }

    /// <summary>Evaluates every pending condition on the scheduler until none is newly met, running what each met wait resumes.</summary>
    public void Settle(WorkflowTaskScheduler scheduler, WorkflowContext context)
    {
        var met = true;
        while (met && !IsEmpty) scheduler.RunAndDrain(() => met = Evaluate(), context);
    }

    /// <summary>Evaluates every pending condition from workflow code already on the scheduler; true when one was met.</summary>
    public bool Evaluate()
    {
        var any = false;
        for (var i = 0; i < _waits.Count;)
        {
            var (condition, met) = _waits[i];
            if (met.Task.IsCompleted)
            {
                _waits.RemoveAt(i); // retired
                continue;
            }
            bool holds;
            try
            {
                holds = condition();
            }
            catch (Exception ex)
            {
                _waits.RemoveAt(i);
                met.TrySetException(ex);
                any = true;
                continue;
            }
            if (!holds)
            {
                i++;
                continue;
            }
            _waits.RemoveAt(i);
            met.TrySetResult(true);
            any = true;
        }
        return any;
    }
}
