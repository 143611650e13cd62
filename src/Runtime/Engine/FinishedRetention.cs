using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Purges finished instances once they are older than the engine's retention, at a quarter of it (between a second and
/// an hour), on the engine's clock: a test clock that skips ahead purges what its time has aged.
/// </summary>
internal static class FinishedRetention
{
    public static async Task RunAsync(ICheckpointStore store, TimeSpan retain, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        var every = TimeSpan.FromTicks(Math.Clamp(retain.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));
        using var timer = new PeriodicTimer(every, time);
        try
        {
            do
            {
                try
                {
                    var purged = await store.PurgeFinishedAsync(time.GetUtcNow().UtcDateTime - retain, null, stopping).ConfigureAwait(false);
                    if (purged > 0) Log.Purged(logger, purged, retain);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
                {
                    Log.PurgeFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping.
        }
    }
}
