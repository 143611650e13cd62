using System.Diagnostics;
using System.Reflection;

namespace Workflows.CrashTests.Harness;

/// <summary>A worker process of this program, which the harness lets finish or kills with SIGKILL.</summary>
public sealed class WorkerProcess : IDisposable
{
    /// <summary>What the worker prints once its engine resumed and the workload is started.</summary>
    public const string ReadyLine = "READY";

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _output = new();
    private readonly Task _reading;

    private WorkerProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    /// <summary>Completes when the worker is past its start (or exited first).</summary>
    public Task Ready => _ready.Task;

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == ReadyLine) _ready.TrySetResult();
            lock (_output) _output.AppendLine(line);
        }
        _ready.TrySetResult();
    }

    /// <summary>A worker on its own LiteDB file.</summary>
    public static WorkerProcess Start(string database, string ledger) => Start("worker", database, ledger);

    /// <summary>One of several workers on a PostgreSQL schema.</summary>
    public static WorkerProcess StartShared(string connectionString, string schema, string ledger) => Start("shared-worker", connectionString, schema, ledger);

    private static WorkerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", Assembly.GetEntryAssembly()!.Location }.Concat(arguments)) start.ArgumentList.Add(argument);
        return new WorkerProcess(Process.Start(start)!);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits up to <paramref name="limit"/> for the worker to exit; true when it did.</summary>
    public async Task<bool> WaitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no finally block, no flush, no disposal runs in the worker.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public int ExitCode => _process.ExitCode;

    public async Task<string> OutputAsync()
    {
        await _reading;
        lock (_output) return _output.ToString();
    }

    public void Dispose() => _process.Dispose();
}
