namespace Workflows.Generator.Model;

/// <summary>How an awaitable workflow or step method returns.</summary>
internal enum AsyncShape
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
