namespace Workflows.Storage;

/// <summary>A position in the newest-first order of instances: the creation time and ID of the last one listed.</summary>
/// <param name="CreatedAt">The creation time (UTC) of the last instance listed.</param>
/// <param name="InstanceId">The ID of the last instance listed.</param>
public readonly record struct InstanceCursor(DateTime CreatedAt, string InstanceId)
{
    /// <summary>The cursor at <paramref name="instance"/>.</summary>
    public static InstanceCursor At(InstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceCursor(instance.CreatedAt, instance.InstanceId);
    }

    /// <summary>Whether <paramref name="instance"/> comes after this position, newest first.</summary>
    public bool Precedes(InstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.CreatedAt < CreatedAt
            || (instance.CreatedAt == CreatedAt && string.CompareOrdinal(instance.InstanceId, InstanceId) < 0);
    }

    /// <summary>Orders instances newest first: by creation time, then ID, both descending.</summary>
    public static int NewestFirst(InstanceRecord x, InstanceRecord y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byTime = y.CreatedAt.CompareTo(x.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(y.InstanceId, x.InstanceId);
    }
}
