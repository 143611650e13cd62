using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Dashboard.Tests;

/// <summary>
/// An ASP.NET Core app on a free localhost port that hosts an engine on a LiteDB file of its own, the API at
/// /workflows/api and the dashboard at /workflows, with the policies a test gives it.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private DashboardHost(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public Uri Address { get; private set; } = null!;

    public IWorkflowClient Client => _app.Services.GetRequiredService<IWorkflowClient>();

    public WorkflowEngine Engine => _app.Services.GetRequiredService<WorkflowEngine>();

    public HttpClient Http() => new() { BaseAddress = Address };

    public static async Task<DashboardHost> StartAsync(string? readPolicy, string? writePolicy)
    {
        var directory = Path.Combine(Path.GetTempPath(), "workflows-dashboard-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = directory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflows(o => o.UseLiteDb(Path.Combine(directory, "shop.db")));
        builder.Services.AddWorkflowsDashboard(o =>
        {
            o.ReadPolicy = readPolicy;
            o.WritePolicy = writePolicy;
            o.RefreshInterval = TimeSpan.FromMilliseconds(300);
        });
        builder.Services.AddOpenApi();
        var app = builder.Build();
        app.MapOpenApi();
        app.MapWorkflowsApi("/workflows/api");
        app.MapWorkflowsDashboard("/workflows");
        await app.StartAsync();
        var host = new DashboardHost(app, directory);
        host.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
