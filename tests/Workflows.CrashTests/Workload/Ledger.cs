namespace Workflows.CrashTests.Workload;

/// <summary>
/// The side-effect ledger: every step attempt appends one line before it returns, outside the checkpoint store, so
/// the harness can see which attempts really ran, including those a kill cut off before their result was durable.
/// </summary>
public sealed class Ledger : IDisposable
{
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public Ledger(string path)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(_file) { AutoFlush = true };
    }

    /// <summary>Records that this attempt of the current step ran; flushed to the OS before the step returns.</summary>
    public void Record(int execution)
    {
        var step = Workflow.Step;
        var line = LedgerLine.Format(step.InstanceId, execution, step.OperationId, step.Attempt);
        lock (_gate) _writer.WriteLine(line);
    }

    /// <summary>
    /// Records, from workflow code, that the outcome of <paramref name="operationId"/> was handed to the workflow
    /// live: the harness checks that every acknowledged outcome was durable at each kill.
    /// </summary>
    public void Acknowledge(string instanceId, int execution, string operationId)
    {
        var line = LedgerLine.Format(instanceId, execution, operationId, LedgerLine.Acknowledged);
        // The harness's probe, called from workflow code on purpose (live only): it records what the workflow was told.
#pragma warning disable WF1006, WF1013
        lock (_gate) _writer.WriteLine(line);
#pragma warning restore WF1006, WF1013
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}

/// <summary>One ledger line: which attempt of which operation of which execution ran.</summary>
public sealed record LedgerLine(string InstanceId, int Execution, string OperationId, int Attempt)
{
    /// <summary>The attempt number that marks an acknowledgment to workflow code rather than a step attempt.</summary>
    public const int Acknowledged = 0;

    public bool IsAcknowledgment => Attempt == Acknowledged;

    public static string Format(string instanceId, int execution, string operationId, int attempt) =>
        $"{instanceId}\t{execution}\t{operationId}\t{attempt}";

    public static LedgerLine? Parse(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 4 && int.TryParse(parts[1], out var execution) && int.TryParse(parts[3], out var attempt)
            ? new LedgerLine(parts[0], execution, parts[2], attempt)
            : null; // A line a kill cut in half.
    }
}
