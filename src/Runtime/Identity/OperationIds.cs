namespace Workflows.Identity;

/// <summary>
/// Assigns operation IDs synchronously at call time: <c>{scope}/{name}#{n}</c>, where n counts the occurrences of
/// the name within the scope from 1. Only the call sequence matters, never line numbers or timing, so the same
/// code with the same inputs yields the same IDs on every replay, and repeated calls never share one.
/// </summary>
internal sealed class OperationIds
{
    private readonly Dictionary<string, ScopeCounters> _scopes = new(StringComparer.Ordinal);

    public OperationKey Next(string scope, string name)
    {
        if (!_scopes.TryGetValue(scope, out var counters)) _scopes[scope] = counters = new ScopeCounters();
        var occurrence = counters.Occurrences.TryGetValue(name, out var n) ? n + 1 : 1;
        counters.Occurrences[name] = occurrence;
        counters.Sequence++;
        Assigned++;
        return new OperationKey($"{scope}/{name}#{occurrence}", scope, counters.Sequence);
    }

    /// <summary>How many operation IDs the code has taken so far in this execution, in every scope.</summary>
    public int Assigned { get; private set; }

    /// <summary>The key of item <paramref name="index"/> of the fan-out <paramref name="fanOutId"/>: <c>{fanOutId}[{index}]</c>.</summary>
    public OperationKey Item(string fanOutId, int index)
    {
        if (!_scopes.TryGetValue(fanOutId, out var counters)) _scopes[fanOutId] = counters = new ScopeCounters();
        counters.Sequence++;
        return new OperationKey($"{fanOutId}[{index}]", fanOutId, counters.Sequence);
    }

    /// <summary>
    /// The journal ID under which an execution that continued as new keeps its own input (written with the next
    /// execution's record), so that execution can still be replayed once the instance's record holds the next input.
    /// </summary>
    public const string ExecutionInput = "!input";

    /// <summary>The name of a failed attempt's record (its ID is <see cref="FailedAttempt"/>).</summary>
    public const string AttemptPrefix = "!attempt";

    /// <summary>
    /// The journal ID of the record of failed attempt <paramref name="attempt"/> of step <paramref name="operationId"/>:
    /// bookkeeping for history, written with the retry, never delivered or compared on replay.
    /// </summary>
    public static string FailedAttempt(string operationId, int attempt) => $"{AttemptPrefix}{operationId}@{attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The step and attempt a <see cref="FailedAttempt"/> ID names; false for any other ID.</summary>
    public static bool TryParseFailedAttempt(string id, out string operationId, out int attempt)
    {
        operationId = "";
        attempt = 0;
        if (!id.StartsWith(AttemptPrefix, StringComparison.Ordinal)) return false;
        var at = id.LastIndexOf('@');
        if (at <= AttemptPrefix.Length || !int.TryParse(id.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out attempt)) return false;
        operationId = id[AttemptPrefix.Length..at];
        return true;
    }

    private const string StartedChildSuffix = "!started";

    /// <summary>
    /// What a started child's record names as its parent operation: the start's ID, marked so the child sends no
    /// completion back (operation IDs never contain '!' otherwise).
    /// </summary>
    public static string StartedChild(string operationId) => operationId + StartedChildSuffix;

    /// <summary>Whether a child's parent operation is a start (<see cref="StartedChild"/>), which waits for no completion.</summary>
    public static bool IsStartedChild(string? parentOperationId) => parentOperationId?.EndsWith(StartedChildSuffix, StringComparison.Ordinal) == true;

    /// <summary>The operation that started a child: its parent operation ID without the started-child mark.</summary>
    public static string StartingOperation(string parentOperationId) =>
        IsStartedChild(parentOperationId) ? parentOperationId[..^StartedChildSuffix.Length] : parentOperationId;

    /// <summary>The ID of the record of the call count at which continuing as new was first suggested to an execution.</summary>
    public const string ContinueAsNewSuggestion = "!continue-as-new-suggested";

    /// <summary>The ID of the record of how often in a row the instance was recovered without progress.</summary>
    public const string Recoveries = "!recoveries";

    private const string CancelRequestPrefix = "!cancel/";

    /// <summary>The journal ID of the cancellation request taken from inbox message <paramref name="messageId"/>.</summary>
    public static string CancelRequest(string messageId) => CancelRequestPrefix + messageId;

    /// <summary>The inbox message of a cancellation request's journal ID.</summary>
    public static string MessageIdOfCancelRequest(string operationId) => operationId[CancelRequestPrefix.Length..];

    private const string SignalPrefix = "!signal/";

    /// <summary>The journal ID of the signal taken from inbox message <paramref name="messageId"/>.</summary>
    public static string Signal(string messageId) => SignalPrefix + messageId;

    /// <summary>The inbox message of a signal's journal ID.</summary>
    public static string MessageIdOfSignal(string operationId) => operationId[SignalPrefix.Length..];

    private const string UpdatePrefix = "!update/";

    /// <summary>The journal ID of the acceptance of update <paramref name="updateId"/> (its inbox message ID).</summary>
    public static string Update(string updateId) => UpdatePrefix + updateId;

    /// <summary>The update of an acceptance's journal ID.</summary>
    public static string UpdateIdOf(string operationId) => operationId[UpdatePrefix.Length..];

    /// <summary>The journal ID of update <paramref name="updateId"/>'s run: its result, and the scope of its operations.</summary>
    public static string UpdateRun(string updateId) => UpdatePrefix + updateId + "/run";

    /// <summary>Whether the entry of <paramref name="operationId"/> in <paramref name="scope"/> is the run of an update.</summary>
    public static bool IsUpdateRun(string operationId, string scope) =>
        scope.StartsWith(UpdatePrefix, StringComparison.Ordinal) && operationId.Length == scope.Length + 4 && operationId.StartsWith(scope, StringComparison.Ordinal) && operationId.EndsWith("/run", StringComparison.Ordinal);

    /// <summary>Whether an operation was taken from the inbox (a cancellation, signal or update) or runs inside an update, not at a call site of the workflow method.</summary>
    public static bool IsMessageDriven(string operationId) => operationId.StartsWith('!');

    private sealed class ScopeCounters
    {
        public Dictionary<string, int> Occurrences { get; } = new(StringComparer.Ordinal);
        public int Sequence { get; set; }
    }
}
