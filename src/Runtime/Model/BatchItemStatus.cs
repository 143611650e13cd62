namespace Workflows;

/// <summary>How one item of a fan-out ended.</summary>
public enum BatchItemStatus
{
    /// <summary>It returned a value.</summary>
    Succeeded,

    /// <summary>It threw.</summary>
    Failed,

    /// <summary>The batch failed fast before or while it ran.</summary>
    Canceled,
}
