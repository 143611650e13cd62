namespace Orders;

/// <summary>Kills the process abruptly (no cleanup, no flushing) once a given number of steps completed live.</summary>
public static class CrashSwitch
{
    private static int _completed;

    public static int? After { get; set; }

    /// <summary>Called at the start of each step: every earlier step's result is durable by then.</summary>
    public static void BeforeStep()
    {
        if (After is { } limit && Volatile.Read(ref _completed) >= limit)
        {
            Console.WriteLine($"  !! crashing now, after {limit} completed steps (run again to resume)");
            Environment.FailFast($"--crash-after {limit}");
        }
    }

    public static void StepCompleted() => Interlocked.Increment(ref _completed);
}
