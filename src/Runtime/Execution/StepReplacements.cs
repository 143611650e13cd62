using System.Collections.Concurrent;

namespace Workflows.Execution;

/// <summary>
/// Step bodies a test put in place of the real ones, by step name: the workflow code, its operation IDs, retries and
/// journal stay as they are; only what an attempt runs changes.
/// </summary>
internal sealed class StepReplacements
{
    private readonly ConcurrentDictionary<string, (Type? Result, Func<StepInfo, CancellationToken, Task<object?>> Body)> _bodies = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="body"/> for every attempt of the steps named <paramref name="stepName"/>; <paramref name="result"/> is null for a step without one.</summary>
    public void Set(string stepName, Type? result, Func<StepInfo, CancellationToken, Task<object?>> body) => _bodies[stepName] = (result, body);

    /// <summary>Runs the real body of the steps named <paramref name="stepName"/> again.</summary>
    public void Remove(string stepName) => _bodies.TryRemove(stepName, out _);

    /// <summary>The replacement body of step <paramref name="stepName"/> returning <typeparamref name="T"/>, or null when it runs as written.</summary>
    /// <exception cref="InvalidOperationException">The replacement returns another type than the step.</exception>
    public Func<CancellationToken, Task<T>>? For<T>(string stepName, string operationId, string instanceId)
    {
        if (!_bodies.TryGetValue(stepName, out var replacement)) return null;
        var wanted = typeof(T) == typeof(NoResult) ? null : typeof(T);
        var fits = wanted is null ? replacement.Result is null : replacement.Result is not null && wanted.IsAssignableFrom(replacement.Result);
        if (!fits)
            throw new InvalidOperationException(
                $"The replacement of step '{stepName}' ({operationId} of workflow instance '{instanceId}') returns {replacement.Result?.Name ?? "no result"}, " +
                $"but the step returns {wanted?.Name ?? "no result"}: replace it with a body of the step's result type.");
        return async token => (T)(await replacement.Body(StepInfo.Current!, token).ConfigureAwait(false))!;
    }
}
