namespace Workflows.Storage;

/// <summary>
/// A store that lets a caller write queued commits on its own thread while the store's writer is idle, sparing a
/// sequential workload the hand-off to the writer thread and back.
/// </summary>
internal interface IInlineCommits
{
    /// <summary>
    /// Queues a commit without waking the store's writer: the caller must call <see cref="CommitQueued"/> next,
    /// outside any lock that a commit's completion needs.
    /// </summary>
    Task QueueAsync(IReadOnlyList<StoreMutation> mutations);

    /// <summary>
    /// Writes the queue on the calling thread when no batch is in progress, or else leaves it to the writer thread;
    /// either way every commit queued before the call gets written.
    /// </summary>
    void CommitQueued();
}
