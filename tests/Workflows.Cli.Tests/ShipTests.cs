namespace Workflows.Cli.Tests;

/// <summary><c>workflows ship</c>: records a built assembly's durable calls in workflows.shipped.txt, and checks it is up to date.</summary>
public sealed class ShipTests : TempDirectoryTest
{
    private static string ThisAssembly => typeof(ShopWorkflows).Assembly.Location;

    private string ShippedFile => Path.Combine(TestDirectory, "workflows.shipped.txt");

    [Test]
    public async Task Ship_records_every_workflows_calls_in_order_and_check_passes_until_the_file_differs()
    {
        var ship = await CliRun.InvokeAsync("ship", ThisAssembly, "--file", ShippedFile);

        Assert.That(ship.ExitCode, Is.EqualTo(0), ship.Error);
        var lines = await File.ReadAllLinesAsync(ShippedFile);
        Assert.That(lines[0], Does.StartWith("# "), "a header says what the file is");
        Assert.That(lines.Where(l => l.StartsWith("Approve:", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "Approve: Step Charge#1 -> string",
            "Approve: Event $event#1 -> string",
        }));
        Assert.That(lines.Where(l => l.StartsWith("Ship:", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "Ship: Step Weigh#1 -> int",
            "Ship: Map MapAsync#1 -> Workflows.BatchResult<int>",
            "Ship: Step PrintLabel#1 -> string",
            "Ship: Workflow Insure#1 -> int",
        }), "in the order the calls complete, with what each returns");
        Assert.That((await CliRun.InvokeAsync("ship", ThisAssembly, "--file", ShippedFile, "--check")).ExitCode, Is.EqualTo(0));

        await File.WriteAllLinesAsync(ShippedFile, lines.Where(l => l != "Approve: Event $event#1 -> string"));
        var stale = await CliRun.InvokeAsync("ship", ThisAssembly, "--file", ShippedFile, "--check");
        Assert.That(stale.ExitCode, Is.EqualTo(4));
        Assert.That(stale.Output, Does.Contain("Out of date").And.Contain("Approve"));

        await File.WriteAllLinesAsync(ShippedFile, ["# kept: our own header", .. lines.Skip(3)]);
        Assert.That((await CliRun.InvokeAsync("ship", ThisAssembly, "--file", ShippedFile)).ExitCode, Is.EqualTo(0));
        Assert.That((await File.ReadAllLinesAsync(ShippedFile))[0], Is.EqualTo("# kept: our own header"), "the file's own header is kept");
    }

    [Test]
    public async Task Ship_of_an_assembly_without_workflows_says_so()
    {
        var run = await CliRun.InvokeAsync("ship", typeof(Assert).Assembly.Location, "--file", ShippedFile);

        Assert.That(run.ExitCode, Is.EqualTo(5));
        Assert.That(run.Error, Does.Contain("has no generated workflow manifests"));
        Assert.That(File.Exists(ShippedFile), Is.False);
    }
}
