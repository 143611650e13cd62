using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// WF1012 on a dropped child call and its fix to an awaited start; an awaited start is not WF1012, a dropped one is.
/// The typed start is written here as the generator writes it.
/// </summary>
public sealed class ChildStartFixTests
{
    private const string TypedStart = """

        public static class OrdersClient
        {
            [DurableCall("Workflow", "Invoice")]
            public static Task<ChildWorkflowHandle> StartInvoiceAsync(this ChildWorkflows children, int order, [ChildInstanceId] string? instanceId = null) =>
                Workflow.StartChildWorkflowAsync("Invoice", order, instanceId);
        }
        """;

    [Test]
    public async Task Dropped_child_calls_become_awaited_starts_by_name_and_typed_and_Fix_All_fixes_every_one()
    {
        await Verifier.FixAsync<ChildStartFixer>("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run(int order)
                {
                    _ = {|WF1012:Workflow.RunChildWorkflowAsync<int, int>("Invoice", order, parentClosePolicy: ParentClosePolicy.Abandon)|};
                    {|WF1012:Workflow.RunChildWorkflowAsync<int, int>("Invoice", order + 1, "inv-2")|};
                    _ = {|WF1012:Invoice(order + 2)|};
                    return await Ship(order);
                }

                [Workflow] public static Task<int> Invoice(int order) => Task.FromResult(order);

                [Step] private static Task<int> Ship(int order) => Task.FromResult(order);
            }
            """ + TypedStart, """
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run(int order)
                {
                    await Workflow.StartChildWorkflowAsync("Invoice", order);
                    await Workflow.StartChildWorkflowAsync("Invoice", order + 1, "inv-2");
                    await Workflow.Children.StartInvoiceAsync(order + 2);
                    return await Ship(order);
                }

                [Workflow] public static Task<int> Invoice(int order) => Task.FromResult(order);

                [Step] private static Task<int> Ship(int order) => Task.FromResult(order);
            }
            """ + TypedStart);
    }

    [Test]
    public async Task An_awaited_start_is_fine_and_a_dropped_one_is_still_WF1012()
    {
        await Verifier.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [Workflow]
                public async Task<string> Run(int order)
                {
                    var child = await Workflow.StartChildWorkflowAsync("Invoice", order);
                    var typed = await Workflow.Children.StartInvoiceAsync(order);
                    _ = {|#0:Workflow.StartChildWorkflowAsync("Invoice", order + 1)|};
                    {|#1:Workflow.Children.StartInvoiceAsync(order + 2)|};
                    return child.InstanceId + typed.InstanceId;
                }

                [Workflow] public static Task<int> Invoice(int order) => Task.FromResult(order);
            }
            """ + TypedStart,
            Verifier.Diagnostic("WF1012").WithLocation(0),
            Verifier.Diagnostic("WF1012").WithLocation(1));
    }
}
