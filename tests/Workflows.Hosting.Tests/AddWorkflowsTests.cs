using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting.Tests;

public sealed class AddWorkflowsTests : TempDirectoryTest
{
    private string DatabasePath => Path.Combine(Directory, "app.db");

    private IHost Build(SettleLatch latch, Action<WorkflowEngineOptions>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory, DisableDefaults = true });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<PriceList>();
        builder.Services.AddSingleton<ScopeLog>();
        builder.Services.AddSingleton(latch);
        builder.Services.AddScoped<RunScope>();
        builder.Services.AddWorkflows(configure);
        return builder.Build();
    }

    [Test]
    public async Task Generated_workflows_get_constructor_injection_and_one_scope_per_run()
    {
        using var host = Build(new SettleLatch(), o => o.UseLiteDb(DatabasePath));
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IWorkflowClient>();

        Assert.That(await client.RunTotalAsync(new Cart("c1", ["pen", "book"]), instanceId: "cart-1"), Is.EqualTo(7m));
        Assert.That(await client.RunTotalAsync(new Cart("c2", ["lamp"]), instanceId: "cart-2"), Is.EqualTo(4m));
        var schedules = host.Services.GetRequiredService<WorkflowSchedules>();
        Assert.That(schedules, Is.SameAs(host.Services.GetRequiredService<WorkflowEngine>().Schedules), "schedules come from the container too");
        await host.StopAsync();

        var log = host.Services.GetRequiredService<ScopeLog>();
        Assert.That(log.Created.Distinct().Count(), Is.EqualTo(2), "each run had its own scope");
        Assert.That(log.Disposed, Is.EquivalentTo(log.Created), "each run's scope was disposed when the run ended");
    }

    [Test]
    public async Task Settings_come_from_the_Workflows_configuration_section()
    {
        using var host = Build(new SettleLatch(), settings: new()
        {
            ["Workflows:StorePath"] = DatabasePath,
            ["Workflows:RetainFinishedFor"] = "00:00:00.200",
        });
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IWorkflowClient>();
        await client.RunTotalAsync(new Cart("c1", ["pen"]), instanceId: "configured");
        Assert.That(File.Exists(DatabasePath), Is.True, "the store is the configured file");

        for (var i = 0; i < 300 && (await client.ListInstancesAsync()).Count > 0; i++) await Task.Delay(20);
        Assert.That(await client.ListInstancesAsync(), Is.Empty, "the configured retention purged the finished instance");
        await host.StopAsync();
    }

    [Test]
    public async Task An_invalid_setting_fails_the_start_naming_the_setting()
    {
        using var host = Build(new SettleLatch(), settings: new()
        {
            ["Workflows:StorePath"] = DatabasePath,
            ["Workflows:MaxConcurrentSteps"] = "0",
        });
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());
        Assert.That(error!.Message, Does.Contain("MaxConcurrentSteps"));
    }

    [Test]
    public async Task Without_a_store_the_start_fails_saying_what_to_configure()
    {
        using var host = Build(new SettleLatch());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.That(error!.Message, Does.Contain("Workflows:StorePath").And.Contain("UseLiteDb"));
    }

    [Test]
    public async Task Stopping_the_host_drains_the_step_in_flight_and_the_next_host_resumes_the_instance()
    {
        var held = new SettleLatch(open: false);
        using (var first = Build(held, o => o.UseLiteDb(DatabasePath)))
        {
            await first.StartAsync();
            await first.Services.GetRequiredService<IWorkflowClient>().StartTotalAsync(new Cart("c9", ["pen"]), instanceId: "in-flight");
            await held.Entered.WaitAsync(TimeSpan.FromSeconds(30));

            var stopping = first.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            await Task.Delay(50);
            Assert.That(stopping.IsCompleted, Is.False, "the host waits for the step in flight");
            held.Open();
            await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var next = new SettleLatch();
        using var second = Build(next, o => o.UseLiteDb(DatabasePath));
        await second.StartAsync();
        var client = second.Services.GetRequiredService<IWorkflowClient>();
        Assert.That(await client.GetResultAsync<decimal>("in-flight").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(3m));
        Assert.That(held.Runs + next.Runs, Is.EqualTo(1), "the drained step's result was committed, so it did not run again");
        await second.StopAsync();
    }
}
