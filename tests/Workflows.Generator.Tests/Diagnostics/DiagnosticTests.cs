using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Diagnostics;

/// <summary>Declarations the generator cannot make durable are reported with what to write instead, never thrown.</summary>
public sealed class DiagnosticTests
{
    [Test]
    public void A_step_that_returns_no_task_is_WF3001()
    {
        var diagnostic = Single("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow] public async Task<int> Run() { Log(); await Task.Yield(); return 1; }
                [Step] private void Log() { }
            }
            """, "WF3001");

        Assert.That(diagnostic.GetMessage(), Does.Contain("step 'Log' returns void").And.Contain("Task<T>"));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void A_workflow_that_returns_no_task_is_WF3001()
    {
        var diagnostic = Single("""
            using Workflows;
            public sealed class W { [Workflow] public int Run() => 1; }
            """, "WF3001");

        Assert.That(diagnostic.GetMessage(), Does.Contain("workflow 'Run' returns int"));
    }

    [Test]
    public void An_interface_input_or_a_delegate_result_is_WF3002()
    {
        var run = GeneratorRun.Of("""
            using System;
            using System.Threading.Tasks;
            using Workflows;
            public interface IShape { }
            public sealed class W
            {
                [Workflow] public Task<int> Run(IShape shape) => Task.FromResult(1);
                [Step] public Task<Func<int>> Make() => Task.FromResult<Func<int>>(() => 1);
            }
            """);

        var messages = run.GeneratorDiagnostics.Where(d => d.Id == "WF3002").Select(d => d.GetMessage()).ToList();
        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.That(messages, Has.Some.Contains("Parameter 'shape' of 'Run' has type IShape, which is an interface"));
        Assert.That(messages, Has.Some.Contains("is a delegate"));
    }

    [Test]
    public void By_reference_parameters_and_generic_containers_are_WF3003()
    {
        var run = GeneratorRun.Of("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow] public Task<int> Run(ref int value) => Task.FromResult(value);
            }
            public sealed class Box<T>
            {
                [Step] public Task<int> Open() => Task.FromResult(1);
            }
            """);

        var messages = run.GeneratorDiagnostics.Where(d => d.Id == "WF3003").Select(d => d.GetMessage()).ToList();
        Assert.That(messages, Has.Some.Contains("parameter 'value' is passed by reference"));
        Assert.That(messages, Has.Some.Contains("declared in a generic type"));
    }

    [Test]
    public void A_workflow_with_a_reserved_character_in_its_name_is_left_to_the_analyzer_and_not_registered()
    {
        var run = GeneratorRun.Of("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow(Name = "a/b")] public Task<int> Slashed() => Task.FromResult(1);
            }
            """);

        Assert.That(run.GeneratorDiagnostics, Is.Empty, "WF2003 comes from the analyzers");
        Assert.That(run.Sources.Values, Has.None.Contains("\"a/b\""), "registering it would throw when the assembly loads");
    }

    [Test]
    public void A_step_passed_as_a_method_group_is_WF3004_with_the_lambda_to_write()
    {
        var diagnostic = Single("""
            using System.Linq;
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow] public async Task<int> Run(int[] items) => (await Task.WhenAll(items.Select(Ship))).Sum();
                [Step] private Task<int> Ship(int item) => Task.FromResult(item);
            }
            """, "WF3004");

        Assert.That(diagnostic.GetMessage(), Does.Contain("'Ship' is used as a method group").And.Contain("x => Ship(x)"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(5));
    }

    [Test]
    public void Two_workflows_with_one_durable_name_are_WF3005()
    {
        var diagnostic = Single("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class A { [Workflow] public Task<int> Process() => Task.FromResult(1); }
            public sealed class B { [Workflow(Name = "Process")] public Task<int> Other() => Task.FromResult(2); }
            """, "WF3005");

        Assert.That(diagnostic.GetMessage(), Does.Contain("'Process' is also used by 'A.Process'"));
    }

    [Test]
    public void A_workflow_class_without_a_public_constructor_is_WF3003()
    {
        var diagnostic = Single("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                private W() { }
                [Workflow] public Task<int> Run() => Task.FromResult(1);
            }
            """, "WF3003");

        Assert.That(diagnostic.GetMessage(), Does.Contain("'W' has no public constructor"));
    }

    [TestCase("""
        using Workflows;
        public sealed class W { [Workflow] public async System.Threading.Tasks.Task<int> Run( { await Step(; } [Step] System.Threading.Tasks.Task<int> Step() => 
        """)]
    [TestCase("""
        using Workflows;
        public sealed class W { [Workflow] public async Task<Missing> Run() => await Unknown(); [Step(Name = )] Task Step() }
        """)]
    [TestCase("""
        public sealed class W { [Workflows.Workflow] public async System.Threading.Tasks.Task Run() => await Run(); }
        """)]
    public void Broken_code_never_makes_the_generator_throw(string source)
    {
        var run = GeneratorRun.Of(source);

        Assert.That(run.Result.Exception, Is.Null);
        Assert.That(run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CS8784", StringComparison.Ordinal) || d.Id == "AD0001"), Is.Empty);
    }

    [Test]
    public void Every_rule_has_a_documentation_page_and_a_release_entry()
    {
        var root = Dotnet.RepositoryRoot();
        var releases = File.ReadAllText(Path.Combine(root, "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        var index = File.ReadAllText(Path.Combine(root, "docs", "rules", "README.md"));
        foreach (var descriptor in Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            var page = Path.Combine(root, "docs", "rules", descriptor.Id + ".md");
            Assert.That(File.Exists(page), Is.True, page);
            Assert.That(File.ReadAllText(page), Does.StartWith($"# {descriptor.Id} - {descriptor.Title}"));
            Assert.That(descriptor.HelpLinkUri, Does.EndWith($"docs/rules/{descriptor.Id}.md"));
            Assert.That(releases, Does.Contain(descriptor.Id));
            Assert.That(index, Does.Contain($"[{descriptor.Id}]({descriptor.Id}.md)"));
        }
    }

    [Test]
    public void A_patch_ID_that_is_not_a_constant_is_WF3006()
    {
        var diagnostic = Single("""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow] public async Task<int> Run(string region) { if (Workflow.Patched("fraud-" + region)) await Log(); return 1; }
                [Step] private Task Log() => Task.CompletedTask;
            }
            """, "WF3006");

        Assert.That(diagnostic.GetMessage(), Does.Contain("Workflow.Patched").And.Contain("not a constant"));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [TestCase("[Schedule(\"0 3 * * *\")] public Task<int> Run(string region) => Task.FromResult(1);", "takes an input")]
    [TestCase("[Schedule] public Task<int> Run() => Task.FromResult(1);", "give it a cron expression")]
    [TestCase("[Schedule(\"0 3 * * *\", IntervalSeconds = 60)] public Task<int> Run() => Task.FromResult(1);", "both a cron expression and IntervalSeconds")]
    [TestCase("[Schedule(\"0 3 * *\")] public Task<int> Run() => Task.FromResult(1);", "has 4 fields")]
    [TestCase("[Schedule(\"0 3 * * *\")] [Schedule(\"0 4 * * *\")] public Task<int> Run() => Task.FromResult(1);", "has the ID 'Run' already")]
    public void A_schedule_the_engine_could_not_declare_is_WF3010(string workflow, string problem)
    {
        var diagnostic = Single($$"""
            using System.Threading.Tasks;
            using Workflows;
            public sealed class W
            {
                [Workflow] {{workflow}}
            }
            """, "WF3010");

        Assert.That(diagnostic.GetMessage(), Does.Contain("[Schedule] of workflow 'Run'").And.Contain(problem));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    private static Diagnostic Single(string source, string id)
    {
        var run = GeneratorRun.Of(source);
        Assert.That(run.Result.Exception, Is.Null);
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), string.Join("\n", run.GeneratorDiagnostics));
        Assert.That(matching[0].Descriptor.HelpLinkUri, Does.EndWith($"docs/rules/{id}.md"));
        return matching[0];
    }
}
