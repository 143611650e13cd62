using System.Diagnostics;

namespace Orders;

/// <summary>Kills the process abruptly (no cleanup, no flushing) once a given number of steps completed live.</summary>
public static class CrashSwitch
{
    private static int _completed;

    public static int? After { get; set; }

    /// <summary>Called at the start of each step: every earlier step's result is durable by then.</summary>
    public static void BeforeStep()
    {
        if (After is { } limit && Volatile.Read(ref _completed) is var completed && completed >= limit)
        {
            // A step that finished just now may not have printed its line yet: its result is durable all the same.
            Console.WriteLine($"  !! --crash-after {limit}: {completed} step(s) have completed; the process is killed now, as a power cut would. Run again to resume.");
            Console.Out.Flush();
            // Killed, not failed: nothing is flushed or cleaned up, and no stack trace suggests a bug.
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }

    public static void StepCompleted() => Interlocked.Increment(ref _completed);
}
