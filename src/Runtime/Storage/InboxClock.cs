namespace Workflows.Storage;

/// <summary>Arrival times for inbox messages that never repeat within a process, so messages keep the order they were sent in.</summary>
internal static class InboxClock
{
    private static long s_last;

    public static DateTime Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref s_last);
            var next = Math.Max(DateTime.UtcNow.Ticks, last + 1);
            if (Interlocked.CompareExchange(ref s_last, next, last) == last) return new DateTime(next, DateTimeKind.Utc);
        }
    }
}
