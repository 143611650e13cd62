using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>WF1016 and its fix: a raced event wait gets a token of its own, cancelled after the statement that races it.</summary>
public sealed class EventRaceFixTests
{
    [Test]
    public async Task Raced_waits_in_a_local_and_inline_get_a_token_cancelled_after_the_race_and_Fix_All_fixes_both()
    {
        await Verifier.FixAsync<EventRaceFixer>("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Approvals
            {
                [Workflow]
                public async Task<string> Run(string order)
                {
                    var approval = {|WF1016:Workflow.WaitForEventAsync<bool>("approve")|};
                    if (await Task.WhenAny(approval, Workflow.DelayAsync(TimeSpan.FromDays(1))) != approval)
                        await Escalate(order);
                    var winner = await Task.WhenAny({|WF1016:Workflow.WaitForEventAsync<string>("order-cancelled")|}, Workflow.DelayAsync(TimeSpan.FromHours(1)));
                    return await Escalate(order + winner.IsCompleted);
                }

                [Step] private static Task<string> Escalate(string order) => Task.FromResult(order);
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Approvals
            {
                [Workflow]
                public async Task<string> Run(string order)
                {
                    using var approvalRetire = new CancellationTokenSource();
                    var approval = Workflow.WaitForEventAsync<bool>("approve", cancellationToken: approvalRetire.Token);
                    if (await Task.WhenAny(approval, Workflow.DelayAsync(TimeSpan.FromDays(1))) != approval)
                        await Escalate(order);
                    approvalRetire.Cancel();
                    using var orderCancelledRetire = new CancellationTokenSource();
                    var winner = await Task.WhenAny(Workflow.WaitForEventAsync<string>("order-cancelled", cancellationToken: orderCancelledRetire.Token), Workflow.DelayAsync(TimeSpan.FromHours(1)));
                    orderCancelledRetire.Cancel();
                    return await Escalate(order + winner.IsCompleted);
                }

                [Step] private static Task<string> Escalate(string order) => Task.FromResult(order);
            }
            """);
    }

    [Test]
    public async Task Waits_with_a_timeout_or_a_token_and_waits_not_raced_are_fine()
    {
        await Verifier.AnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Approvals
            {
                [Workflow]
                public async Task<bool> Run()
                {
                    using var retire = new CancellationTokenSource();
                    var approval = Workflow.WaitForEventAsync<bool>("approve", cancellationToken: retire.Token);
                    var timed = Workflow.WaitForEventAsync<bool>("reject", TimeSpan.FromDays(2));
                    await Task.WhenAny(approval, timed, Workflow.DelayAsync(TimeSpan.FromDays(1)));
                    retire.Cancel();
                    return await Workflow.WaitForEventAsync<bool>("final");
                }
            }
            """);
    }
}
