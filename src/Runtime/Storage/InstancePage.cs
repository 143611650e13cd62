namespace Workflows.Storage;

/// <summary>One page of a store's instance listing.</summary>
/// <param name="Instances">The instances of the page, newest first.</param>
/// <param name="Next">Where the next page starts; null when this is the last page.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, InstanceCursor? Next)
{
    /// <summary>
    /// The page of <paramref name="query"/> from instances in newest-first order that already match it: the first
    /// <see cref="InstanceQuery.Limit"/>, and a cursor when one more exists.
    /// </summary>
    public static InstancePage From(IEnumerable<InstanceRecord> newestFirstMatches, InstanceQuery query)
    {
        ArgumentNullException.ThrowIfNull(newestFirstMatches);
        ArgumentNullException.ThrowIfNull(query);
        var taken = newestFirstMatches.Take(query.Limit + 1).ToList();
        if (taken.Count <= query.Limit) return new InstancePage(taken, null);
        taken.RemoveAt(taken.Count - 1);
        return new InstancePage(taken, InstanceCursor.At(taken[^1]));
    }
}
