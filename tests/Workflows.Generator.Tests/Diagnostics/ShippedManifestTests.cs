using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Diagnostics;

/// <summary>
/// The compile-time version check: a workflow's durable calls against workflows.shipped.txt. Every kind of break is
/// an error at the call that changed; an append, a change guarded by Workflow.Patched and a deprecation after the
/// patch shipped are not.
/// </summary>
public sealed class ShippedManifestTests
{
    private const string Shipped = """
        # Shipped durable calls of each workflow.
        Order: Step Reserve#1 -> string
        Order: Event $event#1 -> string
        Order: Step Charge#1 -> string
        """;

    private const string Steps = """
        [Step] public Task<string> Reserve(string id) => Task.FromResult(id);
        [Step] public Task<string> Charge(string id) => Task.FromResult(id);
        [Step] public Task<string> Screen(string id) => Task.FromResult(id);
        [Step] public Task<string> Ship(string id) => Task.FromResult(id);
        [Step(Name = "Pay")] public Task<string> Payment(string id) => Task.FromResult(id);
        [Step] public Task<int> Points(string id) => Task.FromResult(1);
        """;

    private static string Workflow(string body) => $$"""
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                {{body}}
            }
            {{Steps}}
        }
        """;

    private const string Original = """
        var reserved = await Reserve(id);
        await Workflow.WaitForEventAsync<string>("proceed");
        var charged = await Charge(id);
        return reserved + charged;
        """;

    [Test]
    public void The_assembly_records_the_calls_in_the_file_format_and_the_code_that_shipped_them_passes()
    {
        var run = Run(Original, Shipped);

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Sources["Workflows.GeneratedManifests.g.cs"], Does.Contain(
            "public const string Shipped = \"Order: Step Reserve#1 -> string\\nOrder: Event $event#1 -> string\\nOrder: Step Charge#1 -> string\\n\";"));
    }

    [Test]
    public void Calls_appended_after_the_last_shipped_one_are_compatible()
    {
        var run = Run(Original.Replace("return reserved + charged;", "var shipped = await Ship(id);\nreturn reserved + charged + shipped;"), Shipped);

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
    }

    [TestCase("var charged = await Screen(id) + await Charge(id);", "Screen(id)", "Step Charge#1 -> string", "'Step Screen#1 -> string'", TestName = "An inserted call is WF3007 at the new call")]
    [TestCase("var charged = await Payment(id);", "Payment(id)", "Step Charge#1 -> string", "'Step Pay#1 -> string'", TestName = "A renamed call is WF3007")]
    [TestCase("var charged = (await Points(id)).ToString();", "Points(id)", "Step Charge#1 -> string", "'Step Points#1 -> int'", TestName = "A call of another step is WF3007")]
    public void A_changed_call_is_WF3007_at_the_call_that_replaced_the_shipped_one(string line, string at, string shipped, string now)
    {
        var run = Run(Original.Replace("var charged = await Charge(id);", line), Shipped);

        var diagnostic = Single(run, "WF3007");
        Assert.That(diagnostic.GetMessage(), Does.Contain("Workflow 'Order' shipped with '" + shipped + "'").And.Contain("makes " + now));
        Assert.That(Workflow(Original.Replace("var charged = await Charge(id);", line)).Substring(diagnostic.Location.SourceSpan.Start, at.Length), Is.EqualTo(at));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void A_retyped_call_is_WF3007()
    {
        var source = Workflow(Original).Replace("[Step] public Task<string> Charge(string id) => Task.FromResult(id);", "[Step] public Task<decimal> Charge(string id) => Task.FromResult(1m);");
        var run = GeneratorRun.Of([("Workflows.cs", source)], OutputKind.DynamicallyLinkedLibrary, [("/src/workflows.shipped.txt", Shipped)]);

        Assert.That(Single(run, "WF3007").GetMessage(), Does.Contain("'Step Charge#1 -> string'").And.Contain("makes 'Step Charge#1 -> decimal'"));
    }

    [Test]
    public void A_removed_call_is_WF3007_at_the_workflow()
    {
        var run = Run("""
            var reserved = await Reserve(id);
            await Workflow.WaitForEventAsync<string>("proceed");
            return reserved;
            """, Shipped);

        var diagnostic = Single(run, "WF3007");
        Assert.That(diagnostic.GetMessage(), Does.Contain("'Step Charge#1 -> string'").And.Contain("makes no call"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(6), "the line declaring Order");
    }

    [Test]
    public void Reordered_calls_are_WF3007()
    {
        var run = Run("""
            var charged = await Charge(id);
            var reserved = await Reserve(id);
            await Workflow.WaitForEventAsync<string>("proceed");
            return reserved + charged;
            """, Shipped);

        Assert.That(Single(run, "WF3007").GetMessage(), Does.Contain("shipped with 'Step Reserve#1 -> string'").And.Contain("makes 'Step Charge#1 -> string'"));
    }

    [Test]
    public void A_change_guarded_by_Workflow_Patched_is_compatible_with_the_old_branch_in_else()
    {
        var inserted = Run(Original.Replace("var charged = await Charge(id);", """
            if (Workflow.Patched("screen")) await Screen(id);
            var charged = await Charge(id);
            """), Shipped);
        var replaced = Run(Original.Replace("var charged = await Charge(id);", """
            var charged = Workflow.Patched("pay") ? await Payment(id) : await Charge(id);
            """), Shipped);
        var unguardedElse = Run(Original.Replace("var charged = await Charge(id);", """
            var charged = Workflow.Patched("pay") ? await Payment(id) : "free";
            """), Shipped);

        Assert.That(inserted.GeneratorDiagnostics, Is.Empty);
        Assert.That(replaced.GeneratorDiagnostics, Is.Empty);
        Assert.That(Single(unguardedElse, "WF3007").GetMessage(), Does.Contain("'Step Charge#1 -> string'").And.Contain("for instances without patch 'pay'"),
            "the instances without the patch no longer make the shipped call");
    }

    [Test]
    public void Once_a_patch_shipped_both_branches_must_stay_until_it_is_deprecated()
    {
        const string patched = """
            Order: Step Reserve#1 -> string
            Order: Event $event#1 -> string
            Order: Patch screen#1
            Order: Step Screen#1 if screen -> string
            Order: Step Charge#1 -> string
            """;

        var removedCheck = Run(Original.Replace("var charged = await Charge(id);", "await Screen(id);\nvar charged = await Charge(id);"), patched);
        var deprecated = Run(Original.Replace("var charged = await Charge(id);", "Workflow.DeprecatePatch(\"screen\");\nawait Screen(id);\nvar charged = await Charge(id);"), patched);

        Assert.That(Single(removedCheck, "WF3007").GetMessage(), Does.Contain("for instances without patch 'screen'"));
        Assert.That(deprecated.GeneratorDiagnostics, Is.Empty, "the deprecation declares that instances without the patch are drained");
    }

    [Test]
    public void A_shipped_workflow_that_is_gone_is_WF3008_at_its_line_and_an_unreadable_line_is_WF3009()
    {
        var run = Run(Original, Shipped + "\nRefund: Step Return#1 -> string\nnot a call\n");

        var gone = Single(run, "WF3008");
        Assert.That(gone.GetMessage(), Does.Contain("'Refund'"));
        Assert.That(gone.Location.GetLineSpan().Path, Is.EqualTo("/src/workflows.shipped.txt"));
        Assert.That(gone.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(4));
        var unreadable = Single(run, "WF3009");
        Assert.That(unreadable.GetMessage(), Does.Contain("'not a call'"));
        Assert.That(unreadable.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
    }

    [Test]
    public void Without_the_file_nothing_is_checked()
    {
        var run = GeneratorRun.Of(Workflow("return await Payment(id);"));

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
    }

    private static GeneratorRun Run(string body, string shipped) =>
        GeneratorRun.Of([("Workflows.cs", Workflow(body))], OutputKind.DynamicallyLinkedLibrary, [("/src/workflows.shipped.txt", shipped)]);

    private static Diagnostic Single(GeneratorRun run, string id)
    {
        Assert.That(run.GeneratorDiagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }).Or.Contains(id), string.Join("\n", run.GeneratorDiagnostics));
        return run.GeneratorDiagnostics.First(d => d.Id == id);
    }
}
