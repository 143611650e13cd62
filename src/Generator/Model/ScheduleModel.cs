using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>A [Schedule] of a workflow, as the C# that re-creates the attribute at run time.</summary>
/// <param name="CronExpression">The cron expression, or null for an interval schedule.</param>
/// <param name="Assignments">Its named arguments as assignments, e.g. <c>TimeZone = "Europe/Berlin"</c>, in source order.</param>
internal sealed record ScheduleModel(string? CronExpression, EquatableArray<string> Assignments);
