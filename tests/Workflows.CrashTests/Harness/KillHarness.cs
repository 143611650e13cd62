namespace Workflows.CrashTests.Harness;

/// <summary>
/// What every crash harness does: an uninterrupted reference run, then seeded runs with kills, each checked against
/// the reference and logged with its problems.
/// </summary>
public abstract class KillHarness(TextWriter log)
{
    protected static readonly TimeSpan FinishLimit = TimeSpan.FromMinutes(2);

    /// <param name="maxKillDelayMs">The latest a kill may come; null for the duration of the uninterrupted run.</param>
    public async Task<IReadOnlyList<RunResult>> RunAsync(int runs, int seed, int? maxKillDelayMs)
    {
        var (reference, duration) = await ReferenceAsync();
        var maxDelay = maxKillDelayMs ?? (int)duration.TotalMilliseconds;
        log.WriteLine(Describe(duration, maxDelay));
        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(run, new Random(seed * 7919 + run), maxDelay, reference);
            log.WriteLine(result);
            foreach (var problem in result.Problems) log.WriteLine($"  {problem}");
            results.Add(result);
        }
        return results;
    }

    /// <summary>The outputs and the duration of an uninterrupted run.</summary>
    protected abstract Task<(Dictionary<string, string?> Outputs, TimeSpan Duration)> ReferenceAsync();

    /// <summary>One run with kills, checked against <paramref name="reference"/>.</summary>
    protected abstract Task<RunResult> RunOnceAsync(int run, Random random, int maxKillDelayMs, Dictionary<string, string?> reference);

    /// <summary>The line logged after the reference run.</summary>
    protected abstract string Describe(TimeSpan referenceDuration, int maxKillDelayMs);
}
