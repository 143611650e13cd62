namespace Workflows.Generator.Tests.Versioning;

/// <summary>
/// One workflow at three stages of a change made in place: the original, the change guarded by
/// <c>Workflow.Patched</c>, and the patch deprecated. The change screens an order for fraud before charging it.
/// </summary>
internal static class CheckoutStages
{
    private const string Steps = """
        [Step] public Task<string> Reserve(string id) => Task.FromResult("reserved-" + id);
        [Step] public Task<string> Screen(string id) => Task.FromResult("screened-" + id);
        [Step] public Task<string> Charge(string id) => Task.FromResult("charged-" + id);
        """;

    public const string Original = $$"""
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                var reserved = await Reserve(id);
                await Workflow.WaitForEventAsync<string>("proceed");
                var charged = await Charge(id);
                var shipped = await Workflow.WaitForEventAsync<string>("ship");
                return $"{reserved}|unscreened|{charged}|{shipped}";
            }
            {{Steps}}
        }
        """;

    public const string Patched = $$"""
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                var reserved = await Reserve(id);
                await Workflow.WaitForEventAsync<string>("proceed");
                string screened;
                if (Workflow.Patched("fraud-screen"))
                {
                    screened = await Screen(id);
                }
                else
                {
                    screened = "unscreened";
                }
                var charged = await Charge(id);
                var shipped = await Workflow.WaitForEventAsync<string>("ship");
                return $"{reserved}|{screened}|{charged}|{shipped}";
            }
            {{Steps}}
        }
        """;

    /// <summary>The same change made without a guard: it breaks instances that passed the changed point.</summary>
    public const string Unguarded = $$"""
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                var reserved = await Reserve(id);
                await Workflow.WaitForEventAsync<string>("proceed");
                var screened = await Screen(id);
                var charged = await Charge(id);
                var shipped = await Workflow.WaitForEventAsync<string>("ship");
                return $"{reserved}|{screened}|{charged}|{shipped}";
            }
            {{Steps}}
        }
        """;

    public const string Deprecated = $$"""
        using System.Threading.Tasks;
        using Workflows;
        namespace Shop;
        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                var reserved = await Reserve(id);
                await Workflow.WaitForEventAsync<string>("proceed");
                Workflow.DeprecatePatch("fraud-screen");
                var screened = await Screen(id);
                var charged = await Charge(id);
                var shipped = await Workflow.WaitForEventAsync<string>("ship");
                return $"{reserved}|{screened}|{charged}|{shipped}";
            }
            {{Steps}}
        }
        """;
}
