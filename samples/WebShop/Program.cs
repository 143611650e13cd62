using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WebShop;
using Workflows;
using Workflows.Dashboard;
using Workflows.Diagnostics;

// Usage: dotnet run --project samples/WebShop [-- --urls http://localhost:5080] [--Telemetry:Console=true]
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<Inventory>();
builder.Services.AddSingleton<Payments>();
// Registered before AddWorkflows, so the tracer exists when the engine resumes instances at start.
if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(WorkflowDiagnostics.SourceName).AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(WorkflowDiagnostics.MeterName).AddConsoleExporter());
}
// Store path, limits and retention come from the "Workflows" section of appsettings.json.
builder.Services.AddWorkflows();
// The dashboard (/workflows) and its API (/workflows/api, described at /openapi/v1.json). This sample listens on
// localhost, so anyone who reaches it may read; acting on instances only with --Dashboard:AllowActions=true. A real
// app names authorization policies that require a signed-in operator (docs/dashboard.md).
builder.Services.AddWorkflowsDashboard(dashboard =>
{
    dashboard.ReadPolicy = WorkflowsDashboardPolicies.Anyone;
    if (builder.Configuration.GetValue<bool>("Dashboard:AllowActions")) dashboard.WritePolicy = WorkflowsDashboardPolicies.Anyone;
});
builder.Services.AddOpenApi();

var app = builder.Build();
app.MapOpenApi();
app.MapWorkflowsApi("/workflows/api");
app.MapWorkflowsDashboard("/workflows");

app.MapPost("/orders", async (OrderRequest order, IWorkflowClient workflows, CancellationToken cancellationToken) =>
{
    if (order.Lines is not { Count: > 0 }) return Results.ValidationProblem(new Dictionary<string, string[]> { ["lines"] = ["An order needs at least one line."] });
    var handle = await workflows.StartPlaceOrderAsync(order, cancellationToken: cancellationToken);
    return Results.Accepted($"/orders/{handle.InstanceId}", new { orderId = handle.InstanceId });
});

app.MapGet("/orders/{id}", async (string id, IWorkflowClient workflows, CancellationToken cancellationToken) =>
{
    try
    {
        var status = await workflows.GetStatusAsync(id, cancellationToken);
        return Results.Ok(new
        {
            orderId = status.InstanceId,
            status = status.Status.ToString(),
            outcome = status.OutputJson is { } json ? System.Text.Json.JsonSerializer.Deserialize<OrderOutcome>(json) : null,
            error = status.Error?.Message,
            stalled = status.StalledReason,
        });
    }
    catch (WorkflowInstanceNotFoundException)
    {
        return Results.NotFound();
    }
});

app.MapPost("/orders/{id}/approval", async (string id, Approval approval, IWorkflowClient workflows, CancellationToken cancellationToken) =>
{
    try
    {
        await workflows.RaiseEventAsync(id, "approval", approval, cancellationToken);
        return Results.Accepted($"/orders/{id}");
    }
    catch (WorkflowInstanceNotFoundException)
    {
        return Results.NotFound();
    }
    catch (WorkflowException ex)
    {
        return Results.Conflict(new { error = ex.Message });
    }
});

app.Run();

/// <summary>The web application, visible to tests.</summary>
public partial class Program;
