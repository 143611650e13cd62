namespace Workflows;

/// <summary>Where a running step's heartbeats go: kept by the runtime for the step's attempts.</summary>
internal interface IStepHeartbeats
{
    /// <summary>Records <paramref name="details"/> as the attempt's progress and tells its heartbeat timeout it is alive.</summary>
    Task BeatAsync(object? details, Type type);

    /// <summary>The details of the last heartbeat recorded by this or an earlier attempt of the step; default when none.</summary>
    T? Last<T>();
}
