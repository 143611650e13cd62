using System.Globalization;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// Places operations on the instance's time axis, from its creation to its end (or now while it runs, or the latest
/// due time it waits for): a bar from an operation's start to its record, or on to now (or its due time) while pending.
/// </summary>
internal sealed class TimelineScale
{
    private readonly DateTime _from;
    private readonly double _span;
    private readonly DateTime _now;

    public TimelineScale(WorkflowInstanceHistory history, DateTime now)
    {
        _now = now;
        _from = history.Instance.CreatedAt;
        var to = history.Instance.CompletedAt ?? now;
        foreach (var operation in history.AllOperations())
        {
            if (operation.RecordedAt is { } recorded && recorded > to) to = recorded;
        }
        _span = Math.Max((to - _from).TotalMilliseconds, 1);
        Duration = to - _from;
    }

    public TimeSpan Duration { get; }

    public static bool IsPending(WorkflowOperation operation) =>
        operation.Status is WorkflowOperationStatus.Running or WorkflowOperationStatus.Waiting or WorkflowOperationStatus.Retrying;

    /// <summary>The CSS <c>left</c> and <c>width</c> of an operation's bar, in percent of the axis.</summary>
    public string Style(WorkflowOperation operation)
    {
        var start = operation.StartedAt ?? operation.RecordedAt ?? _from;
        var end = IsPending(operation) ? _now : operation.RecordedAt ?? _now;
        var left = Percent(start);
        var width = Math.Max(Percent(end) - left, 0.4);
        return string.Create(CultureInfo.InvariantCulture, $"left:{left:0.#}%;width:{Math.Min(width, 100 - left):0.#}%");
    }

    public string Offset(DateTime? time) => time is { } t ? Readable(t - _from) : "";

    public static string Readable(TimeSpan span) => span.TotalSeconds < 100
        ? string.Create(CultureInfo.InvariantCulture, $"+{span.TotalSeconds:0.000}s")
        : "+" + span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);

    private double Percent(DateTime time) => Math.Clamp((time - _from).TotalMilliseconds / _span * 100, 0, 100);
}
