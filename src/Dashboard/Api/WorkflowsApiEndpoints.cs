using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflows.Dashboard.Api;
using Workflows.Dashboard.Security;
using Workflows.Storage;

namespace Workflows.Dashboard;

/// <summary>
/// The HTTP API: list, describe, history and statistics (and the schedules) behind the read policy; cancel, terminate,
/// suspend, resume, retry, reset, fork and raise event (and pause, unpause, trigger and delete a schedule) behind the
/// write policy. Instance IDs travel in the query string (<c>?id=</c>): they may hold
/// '/', '#' and ':' (child IDs), which do not survive as path segments.
/// </summary>
public static class WorkflowsApiEndpoints
{
    /// <summary>Maps the API under <paramref name="prefix"/> (e.g. <c>/workflows/api</c>); call <c>AddWorkflowsDashboard</c> first.</summary>
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder endpoints, string prefix = "/workflows/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(prefix).WithTags("Workflows");
        var reads = api.MapGroup("").AddEndpointFilter(new AccessFilter(write: false));
        var actions = api.MapGroup("").AddEndpointFilter(new AccessFilter(write: true)).DisableAntiforgery();

        reads.MapGet("/instances", (HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Json(await InstanceSource.Inspector(context).QueryInstancesAsync(InstanceQueryParameters.Read(context.Request.Query), cancellationToken).ConfigureAwait(false))))
            .WithName("ListWorkflowInstances")
            .WithSummary("Lists instances newest first, one page at a time.")
            .WithDescription("Filters: workflow, status, createdFrom, createdBefore (ISO 8601, UTC), idPrefix, parent; pageSize (1 to 1000, 50 by default); continuationToken from the previous page.")
            .Produces<WorkflowInstancePage>();

        reads.MapGet("/instance", (string id, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Json(await InstanceSource.Inspector(context).GetStatusAsync(id, cancellationToken).ConfigureAwait(false))))
            .WithName("GetWorkflowInstance")
            .WithSummary("Describes an instance: status, input, output or error, parent.")
            .Produces<WorkflowInstanceInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reads.MapGet("/instance/history", (string id, int? execution, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Json(await InstanceSource.Inspector(context).GetHistoryAsync(id, execution, cancellationToken).ConfigureAwait(false))))
            .WithName("GetWorkflowInstanceHistory")
            .WithSummary("The operation tree of an execution of an instance (the current one unless execution is given).")
            .Produces<WorkflowInstanceHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reads.MapGet("/instance/export", (string id, int? execution, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Results.Text((await InstanceSource.Inspector(context).ExportHistoryAsync(id, execution, cancellationToken).ConfigureAwait(false)).ToJson(), "application/json")))
            .WithName("ExportWorkflowInstanceHistory")
            .WithSummary("The instance's recorded history as a portable document (format workflows-history/1), for WorkflowReplayer.ReplayHistoryAsync.")
            .Produces<string>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        reads.MapGet("/statistics", (HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
            {
                var since = InstanceQueryParameters.Time(context.Request.Query, "since") ?? DateTime.UtcNow.AddHours(-1);
                return Json(await InstanceSource.Inspector(context).GetStatisticsAsync(since, cancellationToken).ConfigureAwait(false));
            }))
            .WithName("GetWorkflowStatistics")
            .WithSummary("Instances by workflow and status, and starts and ends per minute since 'since' (an hour ago by default).")
            .Produces<InstanceStatistics>();

        MapAction(actions, "/instance/cancel", "CancelWorkflowInstance", "Requests cancellation of an instance: its workflow code sees it and can clean up.",
            (client, id, reason, cancellationToken) => client.CancelAsync(id, reason, cancellationToken));
        MapAction(actions, "/instance/terminate", "TerminateWorkflowInstance", "Stops an instance at once; its code runs no further.",
            (client, id, reason, cancellationToken) => client.TerminateAsync(id, reason, cancellationToken));
        MapAction(actions, "/instance/suspend", "SuspendWorkflowInstance", "Suspends an instance until it is resumed.",
            (client, id, reason, cancellationToken) => client.SuspendAsync(id, reason, cancellationToken));
        MapAction(actions, "/instance/resume", "ResumeWorkflowInstance", "Resumes a suspended instance.",
            (client, id, _, cancellationToken) => client.ResumeAsync(id, cancellationToken));

        MapAction(actions, "/instance/retry", "RetryWorkflowInstance", "Runs a failed instance again from the operation whose failure ended it.",
            (client, id, _, cancellationToken) => client.RetryAsync(id, cancellationToken));
        actions.MapPost("/instance/reset", (string id, string to, ActionRequest? request, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
            {
                if (InstanceSource.Client(context) is not { } client) return ApiErrors.ReadOnly();
                await client.ResetAsync(id, to, request?.Reason, cancellationToken).ConfigureAwait(false);
                return Results.Accepted();
            }))
            .WithName("ResetWorkflowInstance")
            .WithSummary("Runs an ended or suspended instance again from operation 'to', as a new execution.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPost("/instance/fork", (string id, string from, string @as, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
            {
                if (InstanceSource.Client(context) is not { } client) return ApiErrors.ReadOnly();
                await client.ForkAsync(id, from, @as, cancellationToken).ConfigureAwait(false);
                return Results.Accepted();
            }))
            .WithName("ForkWorkflowInstance")
            .WithSummary("Starts instance 'as' as a copy of an ended or suspended instance up to operation 'from'.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        actions.MapPost("/instance/events", (string id, string name, JsonElement payload, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
            {
                if (InstanceSource.Client(context) is not { } client) return ApiErrors.ReadOnly();
                await client.RaiseEventAsync(id, name, payload, cancellationToken).ConfigureAwait(false);
                return Results.Accepted();
            }))
            .WithName("RaiseWorkflowEvent")
            .WithSummary("Raises event 'name' on an instance with the request body (JSON) as its payload.")
            .Accepts<JsonElement>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ScheduleEndpoints.Map(reads, actions);
        return api;
    }

    private static void MapAction(RouteGroupBuilder actions, string pattern, string name, string summary, Func<IWorkflowClient, string, string?, CancellationToken, Task> act) =>
        actions.MapPost(pattern, (string id, ActionRequest? request, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
            {
                if (InstanceSource.Client(context) is not { } client) return ApiErrors.ReadOnly();
                await act(client, id, request?.Reason, cancellationToken).ConfigureAwait(false);
                return Results.Accepted();
            }))
            .WithName(name)
            .WithSummary(summary)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult Json<T>(T value) => Results.Json(value, WorkflowsApiJson.Options);
}
