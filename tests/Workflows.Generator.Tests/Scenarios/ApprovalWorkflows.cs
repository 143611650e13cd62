namespace Workflows.Generator.Tests.Scenarios;

/// <summary>A workflow whose signal handlers change the state its condition wait watches.</summary>
public sealed class ApprovalWorkflows
{
    private readonly List<string> _approvers = [];
    private bool _rejected;

    [Workflow]
    public async Task<string> Review(int needed)
    {
        await Workflow.WaitConditionAsync(() => _rejected || _approvers.Count >= needed);
        return _rejected ? "rejected" : string.Join(",", _approvers);
    }

    [Signal]
    public void Approve(string by) => _approvers.Add(by);

    [Signal(Name = "reject")]
    public void Reject() => _rejected = true;
}
