using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// WF1004's fix needs the durable timer API: it is offered when the referenced Workflows has Workflow.DelayAsync
/// (checked against a minimal surface with and without it, and against the runtime itself).
/// </summary>
public sealed class DelayFixTests
{
    private const string TimerApi = """

        namespace Workflows
        {
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class WorkflowAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class StepAttribute : System.Attribute { }
            public static class Workflow
            {
                public static System.Threading.Tasks.Task DelayAsync(System.TimeSpan delay, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """;

    [Test]
    public async Task Task_Delay_becomes_a_durable_timer_with_the_await_kept_and_milliseconds_converted()
    {
        await Verifier.FixAsync<DurableReplacementFixer>("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task Run(CancellationToken token)
                {
                    await {|WF1004:Task.Delay(TimeSpan.FromHours(1), token)|};
                    await {|WF1004:Task.Delay(500)|};
                }
            }
            """ + TimerApi, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task Run(CancellationToken token)
                {
                    await Workflow.DelayAsync(TimeSpan.FromHours(1), token);
                    await Workflow.DelayAsync(TimeSpan.FromMilliseconds(500));
                }
            }
            """ + TimerApi, withRuntime: false);
    }

    [Test]
    public async Task Against_the_runtime_the_fix_produces_a_durable_timer()
    {
        await Verifier.FixAsync<DurableReplacementFixer>("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task<int> Run()
                {
                    await {|WF1004:Task.Delay(TimeSpan.FromDays(1))|};
                    return 1;
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task<int> Run()
                {
                    await Workflow.DelayAsync(TimeSpan.FromDays(1));
                    return 1;
                }
            }
            """);
    }

    [Test]
    public async Task Against_a_runtime_without_durable_timers_no_fix_is_offered()
    {
        const string source = """
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task Run() => await {|WF1004:Task.Delay(500)|};
            }

            namespace Workflows
            {
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class WorkflowAttribute : System.Attribute { }
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class StepAttribute : System.Attribute { }
                public static class Workflow { }
            }
            """;
        await Verifier.FixAsync<DurableReplacementFixer>(source, source, iterations: 0, withRuntime: false);
    }
}
