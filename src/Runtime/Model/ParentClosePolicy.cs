namespace Workflows;

/// <summary>What happens to a running child when its parent is cancelled or terminated.</summary>
public enum ParentClosePolicy
{
    /// <summary>The child is cancelled with its parent, or terminated with it. The default.</summary>
    Propagate,

    /// <summary>The child runs on to its own end.</summary>
    Abandon,
}
