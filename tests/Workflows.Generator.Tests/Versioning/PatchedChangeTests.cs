using Workflows.PostgreSql.Tests;
using Workflows.Storage;

namespace Workflows.Generator.Tests.Versioning;

/// <summary>
/// A workflow changed in place across three deployments (original, patched, patch deprecated), each a compilation of
/// its own, with instances started at every stage and left at every point of the change, on a store that outlives
/// each deployment's engine.
/// </summary>
[TestFixture("LiteDb")]
[TestFixture("PostgreSql")]
public sealed class PatchedChangeTests(string store)
{
    private static readonly Lazy<WorkflowDefinition> Original = new(() => StageBuild.Compile(CheckoutStages.Original, "Shop.Checkout", "Order"));
    private static readonly Lazy<WorkflowDefinition> Patched = new(() => StageBuild.Compile(CheckoutStages.Patched, "Shop.Checkout", "Order"));
    private static readonly Lazy<WorkflowDefinition> Unguarded = new(() => StageBuild.Compile(CheckoutStages.Unguarded, "Shop.Checkout", "Order"));
    private static readonly Lazy<WorkflowDefinition> Deprecated = new(() => StageBuild.Compile(CheckoutStages.Deprecated, "Shop.Checkout", "Order"));

    private string _directory = null!;
    private string _schema = null!;

    [SetUp]
    public void CreateStore()
    {
        _directory = Directory.CreateTempSubdirectory("workflows-patch-").FullName;
        _schema = PostgresServer.NewSchema();
    }

    [TearDown]
    public async Task RemoveStore()
    {
        Directory.Delete(_directory, recursive: true);
        if (store == "PostgreSql") await PostgresServer.DropSchemaAsync(_schema);
    }

    [Test]
    public async Task Instances_of_every_stage_complete_on_the_branch_they_took_and_a_deprecation_stops_only_an_instance_that_took_the_old_one()
    {
        await using (var original = Open(Original.Value))
        {
            foreach (var id in new[] { "a", "b", "e" }) await StartAsync(original, id);
            await original.Client.RaiseEventAsync("a", "proceed", "go");
            await original.Client.RaiseEventAsync("e", "proceed", "go");
            await ReachedAsync(original, "a", "/Charge#1");
            await ReachedAsync(original, "e", "/Charge#1");
            await ReachedAsync(original, "b", "/Reserve#1");
        }

        await using (var patched = Open(Patched.Value))
        {
            await StartAsync(patched, "c");
            await patched.Client.RaiseEventAsync("b", "proceed", "go");
            await patched.Client.RaiseEventAsync("c", "proceed", "go");
            await patched.Client.RaiseEventAsync("a", "ship", "shipped");
            Assert.That(await ResultAsync(patched, "a"), Is.EqualTo("reserved-a|unscreened|charged-a|shipped"), "a passed the change under the original code: it replays the old branch");
            await ReachedAsync(patched, "b", "/Charge#1");
            await ReachedAsync(patched, "c", "/Charge#1");
            Assert.That(await HasMarkerAsync(patched, "a"), Is.False);
            Assert.That(await HasMarkerAsync(patched, "c"), Is.True, "the patch taken is recorded with the instance");
        }

        await using (var deprecated = Open(Deprecated.Value))
        {
            await StartAsync(deprecated, "d");
            await deprecated.Client.RaiseEventAsync("d", "proceed", "go");
            foreach (var id in new[] { "b", "c", "d" }) await deprecated.Client.RaiseEventAsync(id, "ship", "shipped");
            Assert.That(await ResultAsync(deprecated, "b"), Is.EqualTo("reserved-b|screened-b|charged-b|shipped"), "b reached the change under the patched code: it took the new branch");
            Assert.That(await ResultAsync(deprecated, "c"), Is.EqualTo("reserved-c|screened-c|charged-c|shipped"));
            Assert.That(await ResultAsync(deprecated, "d"), Is.EqualTo("reserved-d|screened-d|charged-d|shipped"));
            Assert.That(await HasMarkerAsync(deprecated, "d"), Is.True, "an instance started under the deprecation records the patch, for a rollback");

            var error = await Assert.ThrowsAsync<WorkflowVersionMismatchException>(() => deprecated.Client.GetHandle<string>("e").GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.That(error!.Message, Does.Contain("'e'").And.Contain("Step Charge#1").And.Contain("deprecates patch 'fraud-screen'"));
            var status = await deprecated.Client.GetStatusAsync("e");
            Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Running), "the instance is left as it is");
            Assert.That(status.StalledReason, Does.Contain("fraud-screen"));
        }

        await using (var rolledBack = Open(Patched.Value))
        {
            await rolledBack.Client.RaiseEventAsync("e", "ship", "shipped");
            Assert.That(await ResultAsync(rolledBack, "e"), Is.EqualTo("reserved-e|unscreened|charged-e|shipped"), "back on the patched code, e resumes on its old branch");
        }
    }

    [Test]
    public async Task The_same_change_without_the_guard_stops_an_instance_that_passed_it_and_resumes_one_that_had_not()
    {
        await using (var original = Open(Original.Value))
        {
            await StartAsync(original, "past");
            await StartAsync(original, "before");
            await original.Client.RaiseEventAsync("past", "proceed", "go");
            await ReachedAsync(original, "past", "/Charge#1");
            await ReachedAsync(original, "before", "/Reserve#1");
        }

        await using var unguarded = Open(Unguarded.Value);
        var error = await Assert.ThrowsAsync<WorkflowVersionMismatchException>(() => unguarded.Client.GetHandle<string>("past").GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(error!.RecordedCallSite, Is.EqualTo(new WorkflowCallSite("Step", "Charge", 1)));
        Assert.That(error.CurrentCallSite, Is.EqualTo(new WorkflowCallSite("Step", "Screen", 1)));
        await unguarded.Client.RaiseEventAsync("before", "proceed", "go");
        await unguarded.Client.RaiseEventAsync("before", "ship", "shipped");
        Assert.That(await ResultAsync(unguarded, "before"), Is.EqualTo("reserved-before|screened-before|charged-before|shipped"));
    }

    private WorkflowEngine Open(WorkflowDefinition stage)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        if (store == "LiteDb") options.UseLiteDb(Path.Combine(_directory, "workflows.db"));
        else options.UsePostgreSql(PostgresServer.ConnectionString, o => o.Schema = _schema);
        options.Workflows.Add(stage);
        return WorkflowEngine.Create(options);
    }

    private static Task StartAsync(WorkflowEngine engine, string id) =>
        engine.Client.StartAsync<string, string>("Order", id, new StartWorkflowOptions { InstanceId = id });

    private static async Task<string> ResultAsync(WorkflowEngine engine, string id) =>
        await engine.Client.GetHandle<string>(id).GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task ReachedAsync(WorkflowEngine engine, string id, string operationId)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await engine.Store.LoadJournalAsync(id, 1)).Any(e => e.OperationId == operationId && e.Status == JournalEntryStatus.Completed)) return;
            await Task.Delay(50);
        }
        Assert.Fail($"Instance '{id}' did not complete '{operationId}' within 30 s.");
    }

    private static async Task<bool> HasMarkerAsync(WorkflowEngine engine, string id) =>
        (await engine.Store.LoadJournalAsync(id, 1)).Any(e => e.OperationId == "!patch/fraud-screen");
}
