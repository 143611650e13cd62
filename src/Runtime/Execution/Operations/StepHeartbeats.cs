using System.Diagnostics;

namespace Workflows.Execution;

/// <summary>
/// The heartbeats of one step call, across its attempts: the latest details (read back by later attempts, also after
/// a restart, from the step's journal entry), their throttled durable writes, and the current attempt's heartbeat
/// timeout. Only the current attempt's heartbeats count, and none once the step has an outcome, so a late heartbeat
/// of an abandoned attempt can never overwrite a recorded result.
/// </summary>
internal sealed class StepHeartbeats(InstanceRunner runner, PendingOperation step, string? recordedDetails)
{
    /// <summary>At most one heartbeat write per step per this interval; the latest details win.</summary>
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private string? _latest = recordedDetails;
    private long _lastWrite;
    private int _attempt;
    private bool _finished;
    private CancellationTokenSource? _silence;
    private TimeSpan _silenceLimit;

    /// <summary>The latest details, written or not: carried by the step's retry record.</summary>
    public string? Latest
    {
        get
        {
            lock (_gate) return _latest;
        }
    }

    /// <summary>The heartbeat sink of <paramref name="attempt"/>.</summary>
    public IStepHeartbeats ForAttempt(int attempt)
    {
        lock (_gate) _attempt = attempt;
        return new Sink(this, attempt);
    }

    /// <summary>Cancels <paramref name="source"/> when the attempt goes <paramref name="limit"/> without a heartbeat.</summary>
    public void Watch(CancellationTokenSource source, TimeSpan limit)
    {
        lock (_gate)
        {
            _silence = source;
            _silenceLimit = limit;
            source.CancelAfter(limit);
        }
    }

    public void Unwatch()
    {
        lock (_gate) _silence = null;
    }

    /// <summary>The step has its outcome: heartbeats still arriving are ignored.</summary>
    public void Finish()
    {
        lock (_gate) _finished = true;
    }

    private Task BeatAsync(int attempt, object? details, Type type)
    {
        var json = runner.Serializer.Serialize(details, type, $"heartbeat details of step '{step.Key.Id}' of workflow instance '{runner.InstanceId}'");
        lock (_gate)
        {
            if (_finished || attempt != _attempt) return Task.CompletedTask;
            _latest = json;
            _silence?.CancelAfter(_silenceLimit);
            if (_lastWrite != 0 && Stopwatch.GetElapsedTime(_lastWrite) < WriteInterval) return Task.CompletedTask;
            _lastWrite = Stopwatch.GetTimestamp();
            // Queued under the lock that Finish takes, so no heartbeat write can follow the step's outcome. It counts
            // this attempt as made: if the process dies during it, the next one after the restart is the next number.
            return runner.Journal.RecordHeartbeatAsync(step, attempt, json);
        }
    }

    private T? Last<T>()
    {
        var latest = Latest;
        return latest is null ? default : runner.Serializer.Deserialize<T>(latest, $"heartbeat details of step '{step.Key.Id}' of workflow instance '{runner.InstanceId}'");
    }

    private sealed class Sink(StepHeartbeats heartbeats, int attempt) : IStepHeartbeats
    {
        public Task BeatAsync(object? details, Type type) => heartbeats.BeatAsync(attempt, details, type);

        public T? Last<T>() => heartbeats.Last<T>();
    }
}
