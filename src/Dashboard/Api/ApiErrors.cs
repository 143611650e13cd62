using Microsoft.AspNetCore.Http;

namespace Workflows.Dashboard.Api;

/// <summary>Turns the exceptions of reads and actions into problem responses that say what went wrong.</summary>
internal static class ApiErrors
{
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (StatusOf(ex) is { } status)
        {
            return Results.Problem(ex.Message, statusCode: status, title: status switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status409Conflict => "Conflict",
                _ => "Bad request",
            });
        }
    }

    /// <summary>
    /// The status of a request that failed with <paramref name="error"/>: 404 no such instance, 400 a bad argument or
    /// JSON, 409 what the instance cannot do now; null for anything else (a store failure stays a server error).
    /// </summary>
    public static int? StatusOf(Exception error) => error switch
    {
        WorkflowInstanceNotFoundException or ScheduleNotFoundException => StatusCodes.Status404NotFound,
        ArgumentException or System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
        InvalidOperationException => StatusCodes.Status409Conflict,
        WorkflowException and not CheckpointStoreException => StatusCodes.Status409Conflict,
        _ => null,
    };

    public static IResult ReadOnly() => Results.Problem(
        "This dashboard reads a store that no engine runs here, so it cannot act on instances: act through the app that hosts the engine.",
        statusCode: StatusCodes.Status501NotImplemented, title: "Read-only");
}
