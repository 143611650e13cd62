using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Cli.Sources;
using Workflows.Dashboard;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>workflows dashboard &lt;db | --postgres conn&gt; [--port N] [--host H]</c>: the dashboard and the read API over a
/// store, on localhost by default, until Ctrl+C. Read-only: acting on instances needs the app that runs them.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliOutput output)
    {
        var source = new SourceOptions();
        var port = new Option<int>("--port") { Description = "The port to listen on.", DefaultValueFactory = _ => 5088 };
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on: 127.0.0.1 (the default) keeps it on this machine; anything else lets anyone who can reach it read every instance.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = source.AddTo(new Command("dashboard", "Serve the web dashboard (and the read API) over a store, read-only, until Ctrl+C.") { port, host });
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(output, async () =>
        {
            if (parse.GetValue(source.Url) is not null)
                throw new CliException(ExitCodes.Usage, "A running app serves its own dashboard (MapWorkflowsDashboard): open it there; this command serves a LiteDB file or --postgres.");
            await using var instances = await InstanceSource.OpenAsync(parse, source, cancellationToken);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://{parse.GetValue(host)}:{parse.GetValue(port)}");
            builder.Services.AddSingleton(instances.Inspector);
            // Read-only and bound to localhost by default: reading is open to whoever reaches it, acting is not offered.
            builder.Services.AddWorkflowsDashboard(o => o.ReadPolicy = WorkflowsDashboardPolicies.Anyone);
            await using var app = builder.Build();
            app.MapWorkflowsApi("/workflows/api");
            app.MapWorkflowsDashboard("/workflows");
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                throw new CliException(ExitCodes.StoreUnavailable, $"Cannot listen on {parse.GetValue(host)}:{parse.GetValue(port)}: {ex.Message} Choose another --port.", ex);
            }
            var address = app.Urls.First();
            await output.Out.WriteLineAsync($"Dashboard of {instances.Where}: {address}/workflows (API: {address}/workflows/api). Read-only; Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        }));
        return command;
    }
}
