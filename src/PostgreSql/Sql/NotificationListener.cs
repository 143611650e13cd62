using Npgsql;
using Workflows.Storage;

namespace Workflows.PostgreSql;

/// <summary>
/// Listens on the schema's channel on a connection of its own and turns each notification into a
/// <see cref="StoreSignal"/>. A dropped connection is reopened; what was missed meanwhile is announced as a change of
/// any instance, and the engine's polling covers the gap.
/// </summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreNames _names;
    private readonly Action<StoreSignal> _signal;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public NotificationListener(NpgsqlDataSource dataSource, StoreNames names, Action<StoreSignal> signal)
    {
        _dataSource = dataSource;
        _names = names;
        _signal = signal;
        _loop = Task.Run(ListenAsync);
    }

    /// <summary>Completes once the first LISTEN is in place (or the listener stopped trying).</summary>
    public Task Listening => _listening.Task;

    private async Task ListenAsync()
    {
        var first = true;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    foreach (var signal in Announcements.Parse(e.Payload)) _signal(signal);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_names.Channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }
                _listening.TrySetResult();
                if (!first) _signal(new StoreSignal(StoreSignalKind.Changed, null));
                first = false;
                while (true) await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                _listening.TrySetResult();
                try
                {
                    await Task.Delay(ReconnectDelay, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        _listening.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
