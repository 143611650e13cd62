using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Sdk.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Common;
using Temporalio.Converters;

namespace Workflows.Benchmarks.Replay;

/// <summary>
/// Builds the history a Temporal worker would have recorded for <see cref="TemporalSequence"/>: the start, a workflow
/// task, then per activity its scheduled/started/completed events and the workflow task that followed, and the
/// completion: 6N+5 events. The first completed workflow task carries the core's used flags 1, 2 and 3, as current
/// SDKs record them; without them the core replays in its legacy mode and skips its activity checks.
/// </summary>
public static class TemporalHistory
{
    public const string WorkflowType = "Sequence";
    public const string ActivityType = "Add";
    private const string TaskQueueName = "bench";

    /// <param name="activities">How many activities the history records.</param>
    /// <param name="input">The workflow's input (how many activities the code will schedule); <paramref name="activities"/> by default.</param>
    /// <param name="wrongTypeAt">An activity recorded under another type, to check that replay notices.</param>
    public static WorkflowHistory Build(int activities, int? input = null, int? wrongTypeAt = null)
    {
        var events = new List<HistoryEvent>();
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        HistoryEvent Add(EventType type, Action<HistoryEvent> set)
        {
            var e = new HistoryEvent { EventId = events.Count + 1, EventTime = Timestamp.FromDateTime(time = time.AddMilliseconds(1)), EventType = type };
            set(e);
            events.Add(e);
            return e;
        }
        var queue = new TaskQueue { Name = TaskQueueName };

        Add(EventType.WorkflowExecutionStarted, e => e.WorkflowExecutionStartedEventAttributes = new()
        {
            WorkflowType = new() { Name = WorkflowType },
            TaskQueue = queue,
            Input = Payloads(input ?? activities),
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            OriginalExecutionRunId = "run",
            FirstExecutionRunId = "run",
            Attempt = 1,
        });
        var completedTask = WorkflowTask(Add, queue, first: true);
        var sum = 0;
        for (var i = 0; i < activities; i++)
        {
            var type = wrongTypeAt == i ? "Subtract" : ActivityType;
            var scheduled = Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new()
            {
                ActivityId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ActivityType = new() { Name = type },
                TaskQueue = queue,
                Input = Payloads(i),
                StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
                WorkflowTaskCompletedEventId = completedTask,
            });
            var started = Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new() { ScheduledEventId = scheduled.EventId, Attempt = 1 });
            Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new()
            {
                ScheduledEventId = scheduled.EventId,
                StartedEventId = started.EventId,
                Result = Payloads(i),
            });
            sum += i;
            completedTask = WorkflowTask(Add, queue, first: false);
        }
        Add(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new()
        {
            Result = Payloads(sum),
            WorkflowTaskCompletedEventId = completedTask,
        });
        return new WorkflowHistory("sequence-1", events);
    }

    private static long WorkflowTask(Func<EventType, Action<HistoryEvent>, HistoryEvent> add, TaskQueue queue, bool first)
    {
        var scheduled = add(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = queue,
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            Attempt = 1,
        });
        var started = add(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new() { ScheduledEventId = scheduled.EventId });
        var completed = add(EventType.WorkflowTaskCompleted, e =>
        {
            e.WorkflowTaskCompletedEventAttributes = new() { ScheduledEventId = scheduled.EventId, StartedEventId = started.EventId };
            if (first) e.WorkflowTaskCompletedEventAttributes.SdkMetadata = new WorkflowTaskCompletedMetadata { CoreUsedFlags = { 1, 2, 3 } };
        });
        return completed.EventId;
    }

    private static Payloads Payloads(int value) => new() { Payloads_ = { DataConverter.Default.PayloadConverter.ToPayload(value) } };
}
