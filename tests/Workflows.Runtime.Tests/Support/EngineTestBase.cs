namespace Workflows.Runtime.Tests.Support;

/// <summary>A fixture that runs its tests against one store kind, with a fresh harness per test.</summary>
public abstract class EngineTestBase(StoreKind kind)
{
    protected StoreKind Kind { get; } = kind;

    protected EngineHarness Harness { get; private set; } = null!;

    [SetUp]
    public void CreateHarness() => Harness = new EngineHarness(Kind);

    [TearDown]
    public async Task DisposeHarness() => await Harness.DisposeAsync();
}
