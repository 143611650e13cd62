namespace Workflows;

public static partial class Workflow
{
    /// <summary>
    /// A hash of <paramref name="value"/> that is the same in every process, on every platform and in every version
    /// of this library, unlike <see cref="string.GetHashCode()"/>, which .NET randomizes per process. Use it in
    /// workflow code to bucket, shard or pick by a string, so that replay in another process decides the same way.
    /// It is 32-bit FNV-1a over the UTF-16 code units: fast and well spread, not for security or untrusted keys
    /// in hash tables.
    /// </summary>
    /// <param name="value">The string to hash.</param>
    /// <returns>The stable hash; equal strings (ordinal comparison) always hash equally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static int StableHash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StableHashing.Of(value);
    }
}
