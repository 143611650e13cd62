using Workflows.Analyzers.CodeFixes;
using Workflows.Analyzers.Tests.Support;
using Workflows.Analyzers.WorkflowCode;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

public sealed class WallClockTests
{
    [Test]
    public async Task Reading_the_clock_in_a_workflow_is_WF1001_naming_the_replacement()
    {
        await Verifier.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<DateTime> Run()
                {
                    await Task.Yield();
                    var offset = {|#1:DateTimeOffset.UtcNow|};
                    return {|#0:DateTime.UtcNow|};
                }
            }
            """,
            Verifier.Diagnostic("WF1001").WithLocation(0).WithArguments("DateTime.UtcNow", "Workflow.UtcNow", ""),
            Verifier.Diagnostic("WF1001").WithLocation(1).WithArguments("DateTimeOffset.UtcNow", "new DateTimeOffset(Workflow.UtcNow)", ""));
    }

    [Test]
    public async Task An_update_handler_is_workflow_code_and_reading_the_clock_there_is_WF1001()
    {
        await Verifier.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                private DateTime _touched;

                [Workflow]
                public Task<int> Run() => Task.FromResult(0);

                [Update]
                public async Task Touch()
                {
                    await Task.CompletedTask;
                    _touched = {|#0:DateTime.UtcNow|};
                }
            }
            """,
            Verifier.Diagnostic("WF1001").WithLocation(0).WithArguments("DateTime.UtcNow", "Workflow.UtcNow", ""));
    }

    [Test]
    public async Task The_clock_in_a_step_outside_workflows_or_without_the_runtime_is_fine()
    {
        await Verifier.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<DateTime> Run() => await Stamp();

                [Step]
                private Task<DateTime> Stamp() => Task.FromResult(DateTime.UtcNow);

                public DateTime Plain() => DateTime.Now;

                [Workflow]
                public async Task<int> Inline() => await Workflow.RunStepAsync("Read", null, _ => Task.FromResult(DateTime.UtcNow.Second));
            }
            """);
        await Verify<WorkflowCodeAnalyzer>.AnalyzerAsync(["public sealed class C { public System.DateTime Now() => System.DateTime.Now; }"], withRuntime: false);
    }

    [Test]
    public async Task The_clock_in_a_helper_that_a_workflow_calls_is_WF1001_with_the_call_chain()
    {
        await Verifier.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public Task<int> Run() => Task.FromResult(Helper());

                private static int Helper() => Compute() + Helper2();

                private static int Helper2() => Helper();

                private static int Compute() => {|#0:DateTime.Now|}.Hour;
            }
            """,
            Verifier.Diagnostic("WF1001").WithLocation(0).WithArguments("DateTime.Now", "Workflow.UtcNow.ToLocalTime()", " (reached from workflow 'Run' via Helper() → Compute())"));
    }

    [Test]
    public async Task The_fix_uses_Workflow_UtcNow_everywhere_at_once()
    {
        await Verifier.FixAsync<DurableReplacementFixer>("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<string> Run()
                {
                    await Task.Yield();
                    var start = {|WF1001:DateTime.UtcNow|};
                    var local = {|WF1001:DateTime.Now|};
                    return $"{start} {local}";
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<string> Run()
                {
                    await Task.Yield();
                    var start = Workflow.UtcNow;
                    var local = Workflow.UtcNow.ToLocalTime();
                    return $"{start} {local}";
                }
            }
            """);
    }
}
