namespace Workflows;

/// <summary>What replaying a stored instance against the current code found.</summary>
public sealed record WorkflowReplayResult
{
    /// <summary>The instance replayed.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Its workflow name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The execution replayed (the instance's current one).</summary>
    public int Execution { get; init; }

    /// <summary>
    /// Whether the current code replays the journal: it makes the recorded calls in the recorded order and, for a
    /// finished instance, ends the same way.
    /// </summary>
    public bool IsCompatible => Incompatibility is null;

    /// <summary>Why the code is incompatible, naming the call site or operation; null when compatible.</summary>
    public string? Incompatibility { get; init; }

    /// <summary>The exception the replay stopped with (a version mismatch, a nondeterminism), if any.</summary>
    public Exception? Error { get; init; }

    /// <summary>How many recorded outcomes were delivered.</summary>
    public int ReplayedOperations { get; init; }

    /// <summary>Whether the workflow code ran to its end on the journal.</summary>
    public bool Finished { get; init; }

    /// <summary>The operations the code scheduled beyond the journal: what a resumed instance would run next.</summary>
    public IReadOnlyList<string> WaitingOn { get; init; } = [];

    /// <summary>How long the replay took, loading excluded.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>One line for logs and CI output: the instance, the verdict, how far the replay got and what comes next.</summary>
    public override string ToString()
    {
        var verdict = IsCompatible ? "compatible" : $"incompatible: {Incompatibility}";
        var end = Finished ? "ran to its end" : WaitingOn.Count == 0 ? "waits" : $"waits on [{string.Join(", ", WaitingOn)}]";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Workflow instance '{InstanceId}' ({WorkflowName}, execution {Execution}): {verdict}; replayed {ReplayedOperations} operation(s) in {Elapsed.TotalMilliseconds:0.#} ms and {end}");
    }
}
