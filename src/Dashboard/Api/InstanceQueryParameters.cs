using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Workflows.Dashboard.Api;

/// <summary>Reads an instance query from a request's query string (the API's and the list page's shared parameters).</summary>
internal static class InstanceQueryParameters
{
    /// <exception cref="ArgumentException">A parameter has a value that cannot be read; the message names it.</exception>
    public static WorkflowInstanceQuery Read(IQueryCollection query, int defaultPageSize = 50) => new()
    {
        WorkflowName = Text(query, "workflow"),
        Status = Text(query, "status") is { } status
            ? Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentException($"Query parameter 'status' is '{status}': use one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}.")
            : null,
        CreatedFrom = Time(query, "createdFrom"),
        CreatedBefore = Time(query, "createdBefore"),
        InstanceIdPrefix = Text(query, "idPrefix"),
        ParentInstanceId = Text(query, "parent"),
        PageSize = Text(query, "pageSize") is { } size
            ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new ArgumentException($"Query parameter 'pageSize' is '{size}': use a whole number from 1 to {WorkflowInstanceQuery.MaxPageSize}.")
            : defaultPageSize,
        ContinuationToken = Text(query, "continuationToken"),
    };

    public static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    public static DateTime? Time(IQueryCollection query, string name) => Text(query, name) is { } text
        ? DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : throw new ArgumentException($"Query parameter '{name}' is '{text}': use an ISO 8601 time such as 2026-12-07T10:00:00Z.")
        : null;
}
