using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>WF1014's fix: a string's GetHashCode() becomes Workflow.StableHash of the same receiver, one or all at once.</summary>
public sealed class HashCodeFixTests
{
    [Test]
    public async Task A_string_hash_becomes_a_stable_hash_of_the_same_receiver_and_Fix_All_fixes_every_one()
    {
        await Verifier.FixAsync<DurableReplacementFixer>("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Sharding
            {
                [Workflow]
                public async Task<int> Run(string customer, string region)
                {
                    var shard = {|WF1014:customer.GetHashCode()|} % 4;
                    var zone = {|WF1014:(region + "-" + customer).GetHashCode()|} & 7;
                    return await Charge(shard + zone);
                }

                [Step] private static Task<int> Charge(int shard) => Task.FromResult(shard);
            }
            """, """
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Sharding
            {
                [Workflow]
                public async Task<int> Run(string customer, string region)
                {
                    var shard = Workflow.StableHash(customer) % 4;
                    var zone = Workflow.StableHash(region + "-" + customer) & 7;
                    return await Charge(shard + zone);
                }

                [Step] private static Task<int> Charge(int shard) => Task.FromResult(shard);
            }
            """);
    }

    [Test]
    public async Task Hashes_without_a_stable_replacement_get_no_fix()
    {
        await Verifier.FixAsync<DurableReplacementFixer>("""
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Sharding
            {
                [Workflow]
                public Task<int> Run(string customer) => Task.FromResult({|WF1014:HashCode.Combine(customer, 1)|});
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Sharding
            {
                [Workflow]
                public Task<int> Run(string customer) => Task.FromResult({|WF1014:HashCode.Combine(customer, 1)|});
            }
            """, iterations: 0);
    }
}
