using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Dashboard.Api;
using Workflows.Dashboard.Pages;
using Workflows.Dashboard.Security;

namespace Workflows.Dashboard;

/// <summary>
/// The dashboard's pages, rendered on the server (Razor components, static rendering): overview, instance list,
/// instance detail and schedules behind the read policy; action forms (antiforgery-checked) behind the write policy.
/// </summary>
public static class WorkflowsDashboardEndpoints
{
    private const int RecentFailuresShown = 10;

    /// <summary>Maps the dashboard under <paramref name="prefix"/> (e.g. <c>/workflows</c>); call <c>AddWorkflowsDashboard</c> first.</summary>
    public static RouteGroupBuilder MapWorkflowsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/workflows")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        prefix = prefix.TrimEnd('/');
        var pages = endpoints.MapGroup(prefix).ExcludeFromDescription();

        pages.MapGet("/assets/{name}", (string name) => DashboardAssets.Serve(name));

        pages.MapGet("", (HttpContext context, CancellationToken cancellationToken) => ReadAsync(context, prefix, async inspector =>
        {
            var statistics = await inspector.GetStatisticsAsync(DateTime.UtcNow.AddHours(-1), cancellationToken).ConfigureAwait(false);
            var failures = await inspector.QueryInstancesAsync(new WorkflowInstanceQuery { Status = WorkflowStatus.Failed, PageSize = RecentFailuresShown }, cancellationToken).ConfigureAwait(false);
            return Page<OverviewPage>(new() { ["Prefix"] = prefix, ["Statistics"] = statistics, ["RecentFailures"] = failures.Instances });
        }));

        pages.MapGet("/instances", (HttpContext context, CancellationToken cancellationToken) => ReadAsync(context, prefix, async inspector =>
        {
            var query = InstanceQueryParameters.Read(context.Request.Query);
            var page = await inspector.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            return Page<InstanceListPage>(new() { ["Prefix"] = prefix, ["Query"] = query, ["Page"] = page });
        }));

        pages.MapGet("/instance", (string id, int? execution, HttpContext context, CancellationToken cancellationToken) => ReadAsync(context, prefix, async inspector =>
        {
            var history = await inspector.GetHistoryAsync(id, execution, cancellationToken).ConfigureAwait(false);
            var access = context.RequestServices.GetRequiredService<AccessCheck>();
            var tokens = InstanceSource.Client(context) is not null && await access.CanWriteAsync(context).ConfigureAwait(false)
                ? context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context)
                : null;
            var options = context.RequestServices.GetRequiredService<IOptions<WorkflowsDashboardOptions>>().Value;
            return Page<InstanceDetailPage>(new()
            {
                ["Prefix"] = prefix,
                ["History"] = history,
                ["Now"] = DateTime.UtcNow,
                ["Tokens"] = tokens,
                ["RefreshMs"] = (int)options.RefreshInterval.TotalMilliseconds,
            });
        }));

        pages.MapGet("/schedules", (HttpContext context, CancellationToken cancellationToken) => ReadAsync(context, prefix, async _ =>
            Page<ScheduleListPage>(new() { ["Prefix"] = prefix, ["Schedules"] = await ScheduleEndpoints.ListAsync(context, cancellationToken).ConfigureAwait(false) })));

        pages.MapGet("/instance/raw", (string id, int? execution, HttpContext context, CancellationToken cancellationToken) => ReadAsync(context, prefix, async inspector =>
        {
            var history = await inspector.GetHistoryAsync(id, execution, cancellationToken).ConfigureAwait(false);
            // JSON, never sniffed as HTML: a payload with markup stays text.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(JsonSerializer.Serialize(history, RawJsonOptions), "application/json; charset=utf-8");
        }));

        pages.MapPost("/instance/{action}", (string action, string id, HttpContext context, CancellationToken cancellationToken) =>
            DashboardActions.RunAsync(context, prefix, action, id, cancellationToken)).DisableAntiforgery();
        return pages;
    }

    private static readonly JsonSerializerOptions RawJsonOptions = new(WorkflowsApiJson.Options)
    {
        WriteIndented = true,
        // Shown as HTML-encoded text on the page, so markup characters need no \u escapes to be safe.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static IResult Page<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent => new PageResult<TComponent>(parameters);

    internal static IResult Message(string prefix, int status, string title, string message) =>
        new PageResult<MessagePage>(new Dictionary<string, object?> { ["Prefix"] = prefix, ["Title"] = title, ["Message"] = message }, status);

    private static async Task<IResult> ReadAsync(HttpContext context, string prefix, Func<IWorkflowInspector, Task<IResult>> read)
    {
        var access = context.RequestServices.GetRequiredService<AccessCheck>();
        if (!await access.CanReadAsync(context).ConfigureAwait(false))
            return Message(prefix, StatusCodes.Status403Forbidden, "Forbidden", access.WhyDenied(write: false));
        try
        {
            return await read(InstanceSource.Inspector(context)).ConfigureAwait(false);
        }
        catch (WorkflowInstanceNotFoundException ex)
        {
            return Message(prefix, StatusCodes.Status404NotFound, "Not found", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Message(prefix, StatusCodes.Status400BadRequest, "Bad request", ex.Message);
        }
    }
}
