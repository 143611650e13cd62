namespace Workflows.Storage;

/// <summary>A store of one process that can tell whether the process that had it open before stopped cleanly.</summary>
internal interface IRecoveryAware
{
    /// <summary>Whether the process that had the store open before died without closing it (its running instances are recovered).</summary>
    bool OpenedAfterCrash { get; }
}
