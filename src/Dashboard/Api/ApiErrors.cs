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
        catch (WorkflowInstanceNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }

    public static IResult ReadOnly() => Results.Problem(
        "This dashboard reads a store that no engine runs here, so it cannot act on instances: act through the app that hosts the engine.",
        statusCode: StatusCodes.Status501NotImplemented, title: "Read-only");
}
