using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Incrementality;

/// <summary>Edits that do not change durable call sites leave the generator's outputs cached; edits that do regenerate only their file.</summary>
public sealed class IncrementalityTests
{
    private const string Orders = """
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class OrderWorkflows
        {
            [Workflow]
            public async Task<int> Process(int order)
            {
                var held = await Stock.Reserve(order);
                return await Stock.Charge(held);
            }
        }
        """;

    private const string Returns = """
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class ReturnWorkflows
        {
            [Workflow]
            public async Task<int> Refund(int order) => await Stock.Charge(-order);
        }
        """;

    private const string Steps = """
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public static class Stock
        {
            [Step] public static Task<int> Reserve(int order) => Task.FromResult(order);
            [Step(MaxAttempts = 4)] public static Task<int> Charge(int amount) => Task.FromResult(amount * 2);
        }
        """;

    private static readonly string[] TrackedSteps = ["Workflows", "Files", "Registry", "Manifests"];

    [Test]
    public void An_unrelated_new_file_leaves_every_tracked_output_cached_or_unchanged()
    {
        var run = Start();

        run.Add("Unrelated.cs", "namespace Shop; public sealed class Clock { public int Ticks => 42; }");

        AssertAllCachedOrUnchanged(run);
    }

    [Test]
    public void An_edit_inside_a_step_body_leaves_every_tracked_output_cached_or_unchanged()
    {
        var run = Start();

        run.Edit("Steps.cs", Steps.Replace("Task.FromResult(amount * 2)", "Task.FromResult(amount * 3 + 1)", StringComparison.Ordinal));

        AssertAllCachedOrUnchanged(run);
    }

    [Test]
    public void Changing_one_workflow_call_sequence_regenerates_only_that_workflow_file()
    {
        var run = Start();
        var before = run.Sources;

        run.Edit("Orders.cs", Orders.Replace("var held = await Stock.Reserve(order);", "var held = await Stock.Reserve(order) + await Stock.Reserve(1);", StringComparison.Ordinal));

        var files = Reasons(run, "Files");
        Assert.That(files, Has.Exactly(1).EqualTo(IncrementalStepRunReason.Modified), "the edited workflow's file");
        Assert.That(files.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached), Is.EqualTo(files.Count - 1));
        Assert.That(Reasons(run, "Registry"), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), "the registry does not depend on call sites");
        Assert.That(run.Sources["Shop.ReturnWorkflows.g.cs"], Is.EqualTo(before["Shop.ReturnWorkflows.g.cs"]));
        Assert.That(run.Sources["Shop.OrderWorkflows.g.cs"], Does.Contain("new(\"Step\", \"Reserve\", 2)"));
    }

    [Test]
    public void An_edit_that_moves_calls_without_changing_them_leaves_the_recorded_manifests_unchanged()
    {
        var run = Start();

        run.Edit("Orders.cs", "// a line that moves every call below it\n" + Orders);

        Assert.That(Reasons(run, "Manifests"), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
    }

    [Test]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        var run = Start();

        foreach (var name in TrackedSteps)
        {
            foreach (var step in run.Result.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs) AssertPlainData(value, name, []);
            }
        }
    }

    private static GeneratorRun Start()
    {
        var run = GeneratorRun.Of(("Orders.cs", Orders), ("Returns.cs", Returns), ("Steps.cs", Steps));
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Result.TrackedSteps.Keys, Is.SupersetOf(TrackedSteps));
        Assert.That(run.Sources.Keys, Is.SupersetOf(new[] { "Shop.OrderWorkflows.g.cs", "Shop.ReturnWorkflows.g.cs", "Workflows.GeneratedWorkflows.g.cs" }));
        return run;
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRun run)
    {
        foreach (var name in TrackedSteps)
        {
            Assert.That(Reasons(run, name), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), $"step {name}");
        }
        foreach (var output in run.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.That(output.Reason, Is.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), "source outputs");
        }
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        [.. run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];

    private static void AssertPlainData(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.That(value, Is.Not.InstanceOf<ISymbol>().And.Not.InstanceOf<SyntaxNode>().And.Not.InstanceOf<Compilation>()
            .And.Not.InstanceOf<SemanticModel>().And.Not.InstanceOf<Location>().And.Not.InstanceOf<SyntaxTree>(), path);
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) AssertPlainData(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertPlainData(property.GetValue(value), $"{path}.{property.Name}", seen);
    }
}
