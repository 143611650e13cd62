using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Dashboard.Api;
using Workflows.Dashboard.Security;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// The action forms of the detail page: checked against the write policy and the antiforgery token, carried out by
/// the engine's client, then back to the instance (303), or a page saying why not.
/// </summary>
internal static class DashboardActions
{
    public static async Task<IResult> RunAsync(HttpContext context, string prefix, string action, string id, CancellationToken cancellationToken)
    {
        var access = context.RequestServices.GetRequiredService<AccessCheck>();
        if (!await access.CanWriteAsync(context).ConfigureAwait(false))
            return WorkflowsDashboardEndpoints.Message(prefix, StatusCodes.Status403Forbidden, "Forbidden", access.WhyDenied(write: true));
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return WorkflowsDashboardEndpoints.Message(prefix, StatusCodes.Status400BadRequest, "Bad request",
                "The form's antiforgery token is missing or invalid: reload the instance's page and submit the form again.");
        }
        if (InstanceSource.Client(context) is not { } client)
            return WorkflowsDashboardEndpoints.Message(prefix, StatusCodes.Status501NotImplemented, "Read-only",
                "This dashboard reads a store that no engine runs here, so it cannot act on instances.");

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var reason = form["reason"].ToString() is { Length: > 0 } text ? text : null;
        try
        {
            switch (action)
            {
                case "cancel": await client.CancelAsync(id, reason, cancellationToken).ConfigureAwait(false); break;
                case "terminate": await client.TerminateAsync(id, reason, cancellationToken).ConfigureAwait(false); break;
                case "suspend": await client.SuspendAsync(id, reason, cancellationToken).ConfigureAwait(false); break;
                case "resume": await client.ResumeAsync(id, cancellationToken).ConfigureAwait(false); break;
                case "retry": await client.RetryAsync(id, cancellationToken).ConfigureAwait(false); break;
                case "reset": await client.ResetAsync(id, form["to"].ToString(), reason, cancellationToken).ConfigureAwait(false); break;
                case "event":
                    var name = form["name"].ToString();
                    if (name.Length == 0) throw new ArgumentException("The event needs a name.");
                    using (var payload = JsonDocument.Parse(form["payload"].ToString() is { Length: > 0 } json ? json : "null"))
                        await client.RaiseEventAsync(id, name, payload.RootElement.Clone(), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return WorkflowsDashboardEndpoints.Message(prefix, StatusCodes.Status404NotFound, "Not found", $"There is no action '{action}': use cancel, terminate, suspend, resume, event, retry or reset.");
            }
        }
        catch (Exception ex) when (ApiErrors.StatusOf(ex) is { } status)
        {
            return WorkflowsDashboardEndpoints.Message(prefix, status, $"Could not {action} '{id}'", ex.Message);
        }
        // 302 after a form post: the browser gets the instance's page.
        return Results.Redirect(Links.Instance(prefix, id));
    }
}
