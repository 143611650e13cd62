using System.Diagnostics;

namespace Workflows.CrashTests.Workload;

/// <summary>
/// The side-effect ledger: every step attempt appends one line before it returns, outside the checkpoint store, so
/// the harness can see which attempts really ran, including those a kill cut off before their result was durable.
/// Each worker process has its own file; lines carry the machine-wide monotonic clock, so the files of several
/// workers merge into one order and compare with the moments the harness read the store.
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
        lock (_gate) _writer.WriteLine(LedgerLine.Format(step.InstanceId, execution, step.OperationId, step.Attempt, Stopwatch.GetTimestamp()));
    }

    /// <summary>
    /// Records, from workflow code, that the outcome of <paramref name="operationId"/> was handed to the workflow
    /// live: the harness checks that every acknowledged outcome was durable at each kill.
    /// </summary>
    public void Acknowledge(string instanceId, int execution, string operationId)
    {
        // The harness's probe, called from workflow code on purpose (live only): it records what the workflow was told.
#pragma warning disable WF1005, WF1006, WF1013
        lock (_gate) _writer.WriteLine(LedgerLine.Format(instanceId, execution, operationId, LedgerLine.Acknowledged, Stopwatch.GetTimestamp()));
#pragma warning restore WF1005, WF1006, WF1013
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}

/// <summary>One ledger line: which attempt of which operation of which execution ran, and when (<see cref="Stopwatch"/> ticks).</summary>
public sealed record LedgerLine(string InstanceId, int Execution, string OperationId, int Attempt, long At)
{
    /// <summary>The attempt number that marks an acknowledgment to workflow code rather than a step attempt.</summary>
    public const int Acknowledged = 0;

    public bool IsAcknowledgment => Attempt == Acknowledged;

    public static string Format(string instanceId, int execution, string operationId, int attempt, long at) =>
        $"{instanceId}\t{execution}\t{operationId}\t{attempt}\t{at}";

    public static LedgerLine? Parse(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 5 && int.TryParse(parts[1], out var execution) && int.TryParse(parts[3], out var attempt) && long.TryParse(parts[4], out var at)
            ? new LedgerLine(parts[0], execution, parts[2], attempt, at)
            : null; // A line a kill cut in half.
    }

    /// <summary>The lines of every ledger file in <paramref name="directory"/>, in the order they were written.</summary>
    public static List<LedgerLine> ReadAll(string directory) =>
        [.. Directory.EnumerateFiles(directory, "ledger*.txt").SelectMany(File.ReadAllLines).Select(Parse).OfType<LedgerLine>().OrderBy(l => l.At)];
}
