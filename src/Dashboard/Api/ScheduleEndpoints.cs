using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Dashboard.Api;

/// <summary>
/// The schedules in the HTTP API: list and describe behind the read policy (also over a bare store, from what the
/// schedules publish), pause, unpause, trigger and delete behind the write policy (through the engine's
/// <see cref="WorkflowSchedules"/>).
/// </summary>
internal static class ScheduleEndpoints
{
    public static void Map(RouteGroupBuilder reads, RouteGroupBuilder actions)
    {
        reads.MapGet("/schedules", (HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Json(await ListAsync(context, cancellationToken).ConfigureAwait(false))))
            .WithName("ListWorkflowSchedules")
            .WithSummary("Lists the schedules, ordered by ID, with their next run times and recent runs.")
            .Produces<IReadOnlyList<ScheduleDescription>>();

        reads.MapGet("/schedule", (string id, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                Json((await ListAsync(context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.ScheduleId == id)
                    ?? throw new ScheduleNotFoundException(id, null))))
            .WithName("GetWorkflowSchedule")
            .WithSummary("Describes a schedule: spec, policy, state, next run times and recent runs.")
            .Produces<ScheduleDescription>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapAction(actions, "/schedule/pause", "PauseWorkflowSchedule", "Pauses a schedule; the request's reason becomes its note.",
            async (schedules, id, note, cancellationToken) => Json(await schedules.PauseAsync(id, note, cancellationToken).ConfigureAwait(false)));
        MapAction(actions, "/schedule/unpause", "UnpauseWorkflowSchedule", "Unpauses a schedule; it goes on with its next time.",
            async (schedules, id, note, cancellationToken) => Json(await schedules.UnpauseAsync(id, note, cancellationToken).ConfigureAwait(false)));
        MapAction(actions, "/schedule/trigger", "TriggerWorkflowSchedule", "Starts a run of a schedule now, under its overlap policy; returns the run.",
            async (schedules, id, _, cancellationToken) => Json(await schedules.TriggerAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false)));
        MapAction(actions, "/schedule/delete", "DeleteWorkflowSchedule", "Deletes a schedule; the runs it started go on.",
            async (schedules, id, _, cancellationToken) =>
            {
                await schedules.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                return Results.NoContent();
            });
    }

    private static void MapAction(RouteGroupBuilder actions, string pattern, string name, string summary, Func<WorkflowSchedules, string, string?, CancellationToken, Task<IResult>> act) =>
        actions.MapPost(pattern, (string id, ActionRequest? request, HttpContext context, CancellationToken cancellationToken) => ApiErrors.GuardAsync(async () =>
                context.RequestServices.GetService<WorkflowSchedules>() is { } schedules
                    ? await act(schedules, id, request?.Reason, cancellationToken).ConfigureAwait(false)
                    : ApiErrors.ReadOnly()))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    // The engine's own reader knows its JSON options; a read-only dashboard over a store reads with the defaults.
    public static Task<IReadOnlyList<ScheduleDescription>> ListAsync(HttpContext context, CancellationToken cancellationToken) =>
        context.RequestServices.GetService<WorkflowSchedules>() is { } schedules
            ? schedules.ListAsync(cancellationToken)
            : WorkflowSchedules.ReadAllAsync(InstanceSource.Inspector(context), options: null, cancellationToken);

    private static IResult Json<T>(T value) => Results.Json(value, WorkflowsApiJson.Options);
}
