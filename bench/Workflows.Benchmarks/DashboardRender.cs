using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Dashboard;
using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Benchmarks;

/// <summary>
/// P15: the dashboard's server time against the reads it is built on, on one LiteDB file of 100,000 finished
/// instances and one of 1,000 operations: the list page of 50 ÷ <c>QueryInstancesAsync</c> of the same 50 through
/// the client, and the detail page of the 1,000-operation instance ÷ <c>GetHistoryAsync</c> of it. Pages are
/// requested through an in-memory test server (no sockets) and timed in the server's pipeline; rounds alternate.
/// </summary>
public static class DashboardRender
{
    private const int Instances = 100_000;
    private const int Operations = 1_000;
    private const int Rounds = 5;
    private const int ListCalls = 40;
    private const int DetailCalls = 10;
    private const string Big = "big-history";

    public static async Task ReportAsync(string path)
    {
        await SeedAsync(path);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => WorkflowEngine.Open(path, o => o.IncludeGeneratedWorkflows = false));
        builder.Services.AddSingleton<IWorkflowClient>(p => p.GetRequiredService<WorkflowEngine>().Client);
        builder.Services.AddWorkflowsDashboard(o => o.ReadPolicy = WorkflowsDashboardPolicies.Anyone);
        await using var app = builder.Build();
        // Server time: from the request entering the pipeline to the page written, not the test client's own work.
        var serverTicks = 0L;
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            Interlocked.Add(ref serverTicks, Stopwatch.GetTimestamp() - started);
        });
        app.MapWorkflowsDashboard("/workflows");
        await app.StartAsync();
        using var http = app.GetTestClient();
        var client = app.Services.GetRequiredService<IWorkflowClient>();
        await app.Services.GetRequiredService<WorkflowEngine>().Ready;

        async Task ListPage()
        {
            using var response = await http.GetAsync("/workflows/instances");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }
        async Task DetailPage()
        {
            using var response = await http.GetAsync($"/workflows/instance?id={Big}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }
        Task List() => client.QueryInstancesAsync(new WorkflowInstanceQuery { PageSize = 50 });
        Task History() => client.GetHistoryAsync(Big);

        for (var i = 0; i < 5; i++)
        {
            await ListPage();
            await List();
            await DetailPage();
            await History();
        }
        var (pages, lists) = await AlternateAsync(ListPage, List, ListCalls, () => Interlocked.Read(ref serverTicks));
        var (details, histories) = await AlternateAsync(DetailPage, History, DetailCalls, () => Interlocked.Read(ref serverTicks));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P15={pages / lists:0.00}  ({pages:0.00} ms to render the list page of 50 of {Instances:N0} instances / {lists:0.00} ms for QueryInstancesAsync of them, LiteDB; goal <= 2)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P15detail={details / histories:0.00}  ({details:0.0} ms to render the detail page of a {Operations:N0}-operation instance / {histories:0.0} ms for GetHistoryAsync of it; goal <= 3)"));
    }

    /// <summary>Rounds of <paramref name="calls"/> page requests (their server time) and baseline calls, alternating; the medians.</summary>
    private static async Task<(double Page, double Baseline)> AlternateAsync(Func<Task> page, Func<Task> baseline, int calls, Func<long> serverTicks)
    {
        var pages = new List<double>();
        var baselines = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++) await baseline();
            baselines.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / calls);
            var before = serverTicks();
            for (var i = 0; i < calls; i++) await page();
            pages.Add((serverTicks() - before) * 1000.0 / Stopwatch.Frequency / calls);
        }
        return (Median(pages), Median(baselines));
    }

    /// <summary>100,000 finished instances, written in batches straight to the store, and one with 1,000 completed steps.</summary>
    private static async Task SeedAsync(string path)
    {
        await using var store = LiteDbCheckpointStore.Open(path);
        var start = DateTime.UtcNow.AddDays(-1);
        var batch = new List<StoreMutation>();
        for (var i = 0; i < Instances; i++)
        {
            batch.Add(new CreateInstance(Finished($"order-{i:D6}", start.AddMilliseconds(i)), ReplaceTerminal: false));
            if (batch.Count == 2_000)
            {
                await store.CommitAsync(batch);
                batch = [];
            }
        }
        batch.Add(new CreateInstance(Finished(Big, start.AddDays(1)), ReplaceTerminal: false));
        for (var i = 1; i <= Operations; i++)
        {
            batch.Add(new PutJournalEntry(new JournalEntry
            {
                InstanceId = Big,
                Execution = 1,
                OperationId = $"/Step#{i}",
                Kind = JournalEntryKind.Step,
                Name = "Step",
                Sequence = i,
                Status = JournalEntryStatus.Completed,
                CompletionIndex = i,
                Result = i.ToString(CultureInfo.InvariantCulture),
                Attempts = 1,
                StartedAt = start.AddDays(1).AddMilliseconds(i),
                RecordedAt = start.AddDays(1).AddMilliseconds(i + 1),
            }, IsFirstWrite: true));
        }
        await store.CommitAsync(batch);
    }

    private static InstanceRecord Finished(string id, DateTime created) => new()
    {
        InstanceId = id,
        WorkflowName = "Checkout",
        Status = WorkflowStatus.Completed,
        Input = "{\"customer\":\"ada\"}",
        Output = "\"done\"",
        CreatedAt = created,
        UpdatedAt = created.AddSeconds(1),
        CompletedAt = created.AddSeconds(1),
    };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
