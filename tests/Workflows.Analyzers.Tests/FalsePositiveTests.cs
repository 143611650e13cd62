using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Workflows.Analyzers.Rules;
using Workflows.Analyzers.Tests.Support;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Tests;

/// <summary>Correct, realistic workflows produce no diagnostics, and broken code never makes an analyzer throw.</summary>
public sealed class FalsePositiveTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = [new WorkflowCodeAnalyzer(), new ReservedInstanceIdAnalyzer(), new DurableNameAnalyzer()];

    [Test]
    public async Task The_Orders_sample_has_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync(
            RepositoryFiles.Read("samples", "Orders", "OrderWorkflows.cs"),
            RepositoryFiles.Read("samples", "Orders", "Model.cs"),
            RepositoryFiles.Read("samples", "Orders", "CrashSwitch.cs"));

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task The_generator_scenarios_have_no_diagnostics()
    {
        var scenarios = Path.Combine("tests", "Workflows.Generator.Tests", "Scenarios");
        var diagnostics = await AnalyzeAsync(
            "global using System; global using System.Linq; global using System.Threading; global using System.Threading.Tasks; global using System.Collections.Generic;",
            RepositoryFiles.Read(scenarios, "FulfilmentWorkflows.cs"),
            RepositoryFiles.Read(scenarios, "GreetingWorkflows.cs"),
            RepositoryFiles.Read(scenarios, "ScenarioOrder.cs"),
            RepositoryFiles.Read(scenarios, "StepLog.cs"));

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task A_realistic_workflow_with_durable_apis_loops_and_helpers_has_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Workflows;

            public sealed record Line(string Sku, int Quantity);

            public sealed class Fulfilment
            {
                private static readonly string[] Warehouses = ["north", "south"];
                private const int MaxLines = 50;

                [Workflow]
                public async Task<string> Run(List<Line> lines, Dictionary<string, int> stock)
                {
                    if (lines.Count > MaxLines) throw new ArgumentException("too many lines");
                    var started = Workflow.UtcNow;
                    var reference = Workflow.NewGuid();
                    var pick = Workflow.Random.Next(Warehouses.Length);
                    var reserved = new List<string>();
                    foreach (var line in lines.OrderBy(l => l.Sku, StringComparer.Ordinal)) reserved.Add(await Reserve(line));
                    foreach (var sku in stock.Keys.Order()) await Count(sku);
                    var labels = await Task.WhenAll(lines.Select(l => Label(l)));
                    Workflow.Logger.LogInformation("Reserved {Count}", reserved.Count);
                    return Describe(reserved, labels, started, reference, Warehouses[pick]);
                }

                private static string Describe(List<string> reserved, string[] labels, DateTime at, Guid id, string warehouse) =>
                    $"{string.Join(",", reserved)} {labels.Length} {at:O} {id} {warehouse}";

                [Step(MaxAttempts = 5)]
                private static async Task<string> Reserve(Line line)
                {
                    await Task.Delay(10).ConfigureAwait(false);
                    return $"{line.Sku}@{DateTime.UtcNow:O}";
                }

                [Step] private static Task Count(string sku) => Task.CompletedTask;

                [Step] private static Task<string> Label(Line line) => Task.FromResult(Guid.NewGuid().ToString());
            }

            internal static class LoggerExtensions
            {
                public static void LogInformation(this Microsoft.Extensions.Logging.ILogger logger, string message, params object[] args) { }
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task Lookalikes_of_hidden_timers_have_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Exports
            {
                [Workflow]
                public async Task<long> Run(int parts)
                {
                    using var retire = new CancellationTokenSource(); // cancelled by the workflow itself, not by time
                    var answer = Workflow.WaitForEventAsync<string>("answer", TimeSpan.FromDays(1), retire.Token);
                    if (await Task.WhenAny(answer, Workflow.DelayAsync(TimeSpan.FromHours(1))) != answer) retire.Cancel();
                    return await Export(parts);
                }

                [Step]
                private static async Task<long> Export(int parts)
                {
                    var watch = Stopwatch.StartNew();
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
                    await Task.Delay(1, timeout.Token).WaitAsync(TimeSpan.FromSeconds(5));
                    return watch.ElapsedMilliseconds + parts;
                }
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task Lookalikes_of_process_dependent_hashes_have_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public enum Tier { Bronze, Gold }
            public readonly record struct Slot(int Day, Tier Tier, DateTime At);
            public sealed class Account
            {
                public int Id { get; init; }
                public override int GetHashCode() => Id * 31;
            }

            public sealed class Sharding
            {
                [Workflow]
                public async Task<int> Run(int customer, Tier tier, Guid id, DateTime at, string name)
                {
                    var shard = customer.GetHashCode() ^ tier.GetHashCode() ^ id.GetHashCode() ^ at.GetHashCode();
                    shard ^= new Slot(1, tier, at).GetHashCode() ^ new Account { Id = customer }.GetHashCode();
                    shard ^= Workflow.StableHash(name) ^ ((long)customer).GetHashCode() ^ 'x'.GetHashCode();
                    return await Place(shard & 3, name);
                }

                [Step]
                private static Task<int> Place(int shard, string name) => Task.FromResult(shard ^ name.GetHashCode() ^ HashCode.Combine(name, shard));
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task Lookalikes_of_observed_hash_order_have_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Packing
            {
                [Workflow]
                public async Task<string> Run(Dictionary<string, int> stock, HashSet<string> tags, List<string> lines)
                {
                    var first = stock.Keys.Order(StringComparer.Ordinal).First();
                    var label = string.Join(",", tags.OrderBy(t => t, StringComparer.Ordinal));
                    var count = stock.Values.ToList().Count + tags.Count(t => t.Length > 2) + tags.Where(t => t.Length > 1).Count();
                    var known = stock.Keys.ToHashSet();
                    var sorted = stock.Keys.ToList();
                    sorted.Sort(StringComparer.Ordinal);
                    var array = tags.ToArray();
                    Array.Sort(array, StringComparer.Ordinal);
                    var firstLine = lines.First() + lines.ToList()[0] + string.Join(",", lines);
                    var total = stock.Values.Sum() + stock.Values.Max();
                    return await Pack($"{first} {label} {count} {known.Count} {sorted[0]} {array[0]} {firstLine} {total}");
                }

                [Step]
                private static Task<string> Pack(string text) => Task.FromResult(text + new HashSet<string> { text }.First());
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task The_saga_idiom_awaiting_compensations_written_in_workflow_code_has_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Workflows;

            public sealed record Transfer(string Id, decimal Amount);

            public sealed class Saga
            {
                private readonly List<Func<Task>> _undo = new();

                [Workflow]
                public async Task<string> Run(Transfer transfer)
                {
                    List<Func<Task>> compensations = [async () => await WithdrawCompensation(transfer)];
                    try
                    {
                        await Withdraw(transfer);
                        compensations.Add(async () => await DepositCompensation(transfer));
                        compensations.Add(() => Notify(transfer.Id));
                        _undo.Add(Audit);
                        Func<Task> last = transfer.Amount > 100 ? () => Notify("large") : Audit;
                        compensations.Add(last);
                        await Deposit(transfer);
                        await Retry(() => Notify(transfer.Id));
                        return "done";
                    }
                    catch (Exception)
                    {
                        await CompensateAsync(compensations);
                        foreach (var undo in _undo) await undo();
                        throw;
                    }
                }

                private static async Task CompensateAsync(List<Func<Task>> compensations)
                {
                    compensations.Reverse();
                    foreach (var compensate in compensations) await compensate();
                    for (var i = 0; i < compensations.Count; i++) await compensations[i]();
                }

                private static async Task Retry(Func<Task> action)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await action(); return; }
                        catch (InvalidOperationException) when (attempt < 2) { await Workflow.DelayAsync(TimeSpan.FromSeconds(1)); }
                    }
                }

                [Step] private static Task Withdraw(Transfer t) => Task.CompletedTask;
                [Step] private static Task Deposit(Transfer t) => Task.CompletedTask;
                [Step] private static Task WithdrawCompensation(Transfer t) => Task.CompletedTask;
                [Step] private static Task DepositCompensation(Transfer t) => Task.CompletedTask;
                [Step] private static Task Notify(string id) => Task.CompletedTask;
                [Step] private static Task Audit() => Task.CompletedTask;
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public async Task A_fire_and_forget_child_started_with_the_start_api_has_no_diagnostics()
    {
        var diagnostics = await AnalyzeAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Signups
            {
                [Workflow]
                public async Task<string> Run(string user)
                {
                    var welcome = await Workflow.StartChildWorkflowAsync("Welcome", user, instanceId: "welcome-" + user);
                    var pending = Workflow.StartChildWorkflowAsync("Nurture", user);
                    await Activate(user);
                    return welcome.InstanceId + (await pending).InstanceId;
                }

                [Step] private static Task Activate(string user) => Task.CompletedTask;
            }
            """);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [TestCase("using Workflows; public sealed class W { [Workflow] public async System.Threading.Tasks.Task<int> Run( { await Step(; var x = System.DateTime. } ")]
    [TestCase("using Workflows; public sealed class W { [Workflow] public async Task<Missing> Run() { foreach (var x in new System.Collections.Generic.HashSet<int>()) await Unknown(x); lock } }")]
    [TestCase("using Workflows; public static class S { [Step(Name = )] static Task X() [Workflow] public static async System.Threading.Tasks.Task Run() => await Run()")]
    [TestCase("using Workflows; class C { void M(WorkflowClient c) { c.StartAsync<int, int>(\"x\", 1, new StartWorkflowOptions { InstanceId = \"a::sub::\" + }); } }")]
    public async Task Broken_code_never_makes_an_analyzer_throw(string source)
    {
        var diagnostics = await AnalyzeAsync(source);

        Assert.That(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()), Is.Empty);
    }

    private static Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(params string[] sources) => Compilations.AnalyzeAsync(Analyzers, sources);
}
