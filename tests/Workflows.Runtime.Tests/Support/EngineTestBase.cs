namespace Workflows.Runtime.Tests.Support;

/// <summary>A fixture that runs its tests against one store kind, with a fresh harness per test.</summary>
public abstract class EngineTestBase(StoreKind kind)
{
    protected StoreKind Kind { get; } = kind;

    protected EngineHarness Harness => _harness ?? throw new InvalidOperationException("The harness is created in SetUp.");

    private EngineHarness? _harness;

    [SetUp]
    public void CreateHarness() => _harness = new EngineHarness(Kind);

    [TearDown]
    public async Task DisposeHarness()
    {
        // Null when SetUp skipped the test (no PostgreSQL).
        if (_harness is { } harness) await harness.DisposeAsync();
        _harness = null;
    }
}
