using Microsoft.Extensions.Logging;
using Workflows.Execution;
using Workflows.Serialization;
using Workflows.Storage;
using Workflows.Storage.InMemory;

namespace Workflows;

/// <summary>
/// Replays one stored execution against the current code without running anything live: whatever the replayed code
/// would write goes to a scratch store that is thrown away, and no other instance is touched.
/// </summary>
internal static class JournalReplay
{
    /// <summary>
    /// Replays <paramref name="journal"/> of <paramref name="instance"/>; <paramref name="atEnd"/> looks at the replayed
    /// run before its services are disposed (a query reads its workflow object).
    /// </summary>
    public static async Task<WorkflowReplayResult> RunAsync(
        InstanceRecord instance, IReadOnlyList<JournalEntry> journal, WorkflowDefinition definition, WorkflowSet workflows,
        PayloadSerializer serializer, ILoggerFactory loggers, IServiceProvider? services, Action<InstanceRunner, WorkflowReplayResult>? atEnd = null,
        int continueAsNewSuggestedAfter = WorkflowEngineOptions.DefaultContinueAsNewSuggestedAfter)
    {
        await using var scratch = new InMemoryCheckpointStore();
        await scratch.CommitAsync([new CreateInstance(instance, ReplaceTerminal: false)]).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var runtime = new RuntimeServices(scratch, serializer, loggers, services, new ReplayHost(workflows), KeepContinuedExecutions: true,
            EvictSuspendedAfter: null, new StepGate(null), TimeProvider.System, null, stop.Token)
        {
            ContinueAsNewSuggestedAfter = continueAsNewSuggestedAfter,
        };
        var runner = new InstanceRunner(runtime, definition, instance, journal);
        try
        {
            return await runner.ReplayOnlyAsync(atEnd is null ? null : result => atEnd(runner, result)).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
