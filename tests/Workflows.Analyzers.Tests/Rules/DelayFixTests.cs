using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// WF1004's fix needs a durable timer API. These tests compile against a minimal Workflows surface that has
/// Workflow.DelayAsync, the shape the runtime's timer takes; against a runtime without it the fix is not offered.
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
    public async Task Without_a_durable_timer_in_the_runtime_no_fix_is_offered()
    {
        const string source = """
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Reminders
            {
                [Workflow]
                public async Task Run() => await {|WF1004:Task.Delay(500)|};
            }
            """;
        await Verifier.FixAsync<DurableReplacementFixer>(source, source, iterations: 0);
    }
}
