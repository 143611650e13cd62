using System.Threading.Channels;

namespace Workflows.Storage;

/// <summary>
/// A checkpoint store that several engines, usually in different processes, share. Each running instance is owned by
/// at most one engine at a time through a lease the store grants and renews; an engine runs only the instances it
/// claimed, and the store refuses the writes of an engine whose lease was lost or taken over (fencing).
/// </summary>
public interface ISharedCheckpointStore : ICheckpointStore
{
    /// <summary>Identifies this engine's worker in leases and in messages.</summary>
    string WorkerId { get; }

    /// <summary>How often the engine looks for claimable instances when nothing signalled it.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>
    /// Leases up to <paramref name="max"/> running instances of <paramref name="workflowNames"/> that need a worker:
    /// new ones, ones with a message or a due timer, and ones whose owner's lease expired.
    /// </summary>
    Task<InstanceClaim> ClaimAsync(IReadOnlyCollection<string> workflowNames, int max, CancellationToken cancellationToken = default);

    /// <summary>Whether this worker holds the lease of the instance.</summary>
    bool HoldsLease(string instanceId);

    /// <summary>
    /// Gives up the lease of an instance that only waits. It needs a worker again at <paramref name="wakeAt"/> (a
    /// timer), or when a message arrives for it; a message that arrived before the release wakes it at once. When the
    /// release cannot be written, the lease is no longer renewed, so it runs out and the instance is claimed again.
    /// </summary>
    Task ReleaseAsync(string instanceId, DateTime? wakeAt, CancellationToken cancellationToken = default);

    /// <summary>Changes made by other workers and lost leases, for the engine to act on.</summary>
    ChannelReader<StoreSignal> Signals { get; }
}

/// <summary>The instances one <see cref="ISharedCheckpointStore.ClaimAsync"/> leased, and when to look again.</summary>
/// <param name="Instances">The instances now leased to this worker.</param>
/// <param name="NextWakeIn">How long until the next instance becomes claimable (a timer, an expiring lease), if known.</param>
public sealed record InstanceClaim(IReadOnlyList<InstanceRecord> Instances, TimeSpan? NextWakeIn);

/// <summary>Something the engine must react to.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="InstanceId">The instance it happened to; null when it may concern any instance.</param>
public readonly record struct StoreSignal(StoreSignalKind Kind, string? InstanceId);

/// <summary>Kinds of <see cref="StoreSignal"/>.</summary>
public enum StoreSignalKind
{
    /// <summary>An instance was created, received a message or became claimable.</summary>
    Changed,
    /// <summary>An instance ended (on any worker, or by termination).</summary>
    Ended,
    /// <summary>This worker no longer holds the instance's lease: it must stop running it.</summary>
    LeaseLost,
}
