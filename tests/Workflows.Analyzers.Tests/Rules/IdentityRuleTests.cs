using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Workflows.Analyzers.Rules;
using Workflows.Analyzers.Tests.Support;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>WF2001–WF2003: reserved markers in instance IDs, duplicate step names, invalid durable names.</summary>
public sealed class IdentityRuleTests
{
    [Test]
    public async Task A_constant_instance_id_with_a_reserved_marker_passed_to_a_start_api_is_WF2001()
    {
        await Verify<ReservedInstanceIdAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public static class Starter
            {
                private const string Parent = "order-1";

                public static async Task Start(WorkflowClient client, string dynamicId)
                {
                    await client.StartAsync<int, int>("Run", 1, new StartWorkflowOptions { InstanceId = {|#0:"order::sub::1"|} });
                    await client.StartAsync<int, int>("Run", 1, new StartWorkflowOptions { InstanceId = {|#1:$"{Parent}::sub::2"|} });
                    var options = StartWorkflowOptions.For({|#2:"sub::3"|}, null);
                    await client.StartAsync<int, int>("Run", 1, new StartWorkflowOptions { InstanceId = "order-4" });
                    await client.StartAsync<int, int>("Run", 1, new StartWorkflowOptions { InstanceId = dynamicId + "::sub::" });
                }
            }
            """,
            Error(0).WithArguments("order::sub::1", "contains '::sub::'", "the client rejects it when the workflow starts: choose an ID without it"),
            Error(1).WithArguments("order-1::sub::2", "contains '::sub::'", "the client rejects it when the workflow starts: choose an ID without it"),
            Error(2).WithArguments("sub::3", "starts with 'sub::'", "the client rejects it when the workflow starts: choose an ID without it"));
    }

    [Test]
    public async Task A_reserved_marker_in_an_explicit_child_id_is_WF2001_information_only()
    {
        await Verify<ReservedInstanceIdAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public static class Children
            {
                public static Task<int> Start([ChildInstanceId] string instanceId) => Task.FromResult(0);
                public static Task<int> Use() => Start({|#0:"parent::sub::custom"|});
            }
            """,
            new DiagnosticResult("WF2001", DiagnosticSeverity.Info).WithLocation(0));
    }

    [Test]
    public async Task Two_steps_with_one_name_one_of_them_explicit_are_WF2002()
    {
        await Verify<DurableNameAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Shipping
            {
                [Step] public Task Ship() => Task.CompletedTask;
                [Step] public Task Ship(int parcel) => Task.CompletedTask;
            }

            public sealed class Billing
            {
                [{|#0:Step(Name = "Ship")|}] public Task Bill() => Task.CompletedTask;
                [Step(Name = "Invoice")] public Task Invoice() => Task.CompletedTask;
            }
            """,
            new DiagnosticResult("WF2002", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Ship", "Shipping.Ship"));
    }

    [Test]
    public async Task A_durable_name_with_a_reserved_character_is_WF2003()
    {
        await Verify<DurableNameAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Orders
            {
                [{|#0:Workflow(Name = "orders/process")|}] public Task<int> Process() => Task.FromResult(1);
                [{|#1:Step(Name = "charge#2")|}] public Task Charge() => Task.CompletedTask;
                [Step(Name = "charge-card.v2")] public Task ChargeCard() => Task.CompletedTask;
            }
            """,
            new DiagnosticResult("WF2003", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Workflow", "orders/process", "'/'"),
            new DiagnosticResult("WF2003", DiagnosticSeverity.Error).WithLocation(1).WithArguments("Step", "charge#2", "'#'"));
    }

    private static DiagnosticResult Error(int location) => new DiagnosticResult("WF2001", DiagnosticSeverity.Error).WithLocation(location);
}
