using System.Diagnostics;
using Temporalio.Common;
using Temporalio.Exceptions;
using TemporalReplayer = Temporalio.Worker.WorkflowReplayer;
using TemporalReplayerOptions = Temporalio.Worker.WorkflowReplayerOptions;

namespace Workflows.Benchmarks.Replay;

/// <summary>Temporal's offline replayer on <see cref="TemporalHistory"/> histories (no server involved).</summary>
public static class TemporalReplay
{
    // Default options but for the core's log, which would print the deliberate nondeterminism errors of the validation.
    private static readonly TemporalReplayer Replayer = new(new TemporalReplayerOptions
    {
        Runtime = new Temporalio.Runtime.TemporalRuntime(new() { Telemetry = new() { Logging = null } }),
    }.AddWorkflow<TemporalSequence>());

    /// <summary>
    /// Proves the comparison is fair before anything is timed: the history replays, and a wrong activity type or a
    /// missing activity makes Temporal's replayer fail with a nondeterminism error, so it really checks each activity.
    /// </summary>
    public static async Task ValidateAsync(int activities)
    {
        await Replayer.ReplayWorkflowAsync(TemporalHistory.Build(activities));
        await ExpectNondeterminismAsync(TemporalHistory.Build(activities, wrongTypeAt: activities / 2), "a wrong activity type");
        await ExpectNondeterminismAsync(TemporalHistory.Build(activities - 1, input: activities), "a missing activity");
    }

    private static async Task ExpectNondeterminismAsync(WorkflowHistory history, string what)
    {
        try
        {
            await Replayer.ReplayWorkflowAsync(history);
        }
        catch (WorkflowNondeterminismException)
        {
            return;
        }
        throw new InvalidOperationException($"Temporal's replayer accepted a history with {what}: the comparison would not be fair.");
    }

    /// <summary>The time of one replay; building the history is not included.</summary>
    public static async Task<TimeSpan> ReplayAsync(WorkflowHistory history)
    {
        var watch = Stopwatch.StartNew();
        await Replayer.ReplayWorkflowAsync(history);
        return watch.Elapsed;
    }
}
