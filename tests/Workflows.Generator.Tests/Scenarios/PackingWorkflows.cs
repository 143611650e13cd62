namespace Workflows.Generator.Tests.Scenarios;

public sealed record PackingProgress(int Packed, int Total, string? Last);

/// <summary>A workflow whose state queries read while it waits for events.</summary>
public sealed class PackingWorkflows
{
    private readonly List<string> _packed = [];
    private int _total;

    [Workflow]
    public async Task<int> Pack(int total)
    {
        _total = total;
        while (_packed.Count < total)
        {
            var item = await Workflow.WaitForEventAsync<string>("item");
            _packed.Add(await Wrap(item));
            Workflow.SetStatus(new PackingProgress(_packed.Count, _total, item));
        }
        return _packed.Count;
    }

    [Query]
    public PackingProgress Progress() => new(_packed.Count, _total, _packed.LastOrDefault());

    [Query(Name = "contains")]
    public bool Holds(string item, int minimumCount) => _packed.Count(p => p == $"wrapped-{item}") >= minimumCount;

    // What analyzer WF4001 reports at compile time; at run time the durable call fails instead of running unjournaled.
#pragma warning disable WF4001
    [Query]
    public int Sneak() => Workflow.RunStepAsync("Sneak", null, _ => Task.FromResult(1)).GetAwaiter().GetResult();
#pragma warning restore WF4001

    [Step]
    private Task<string> Wrap(string item) => Task.FromResult($"wrapped-{item}");
}
