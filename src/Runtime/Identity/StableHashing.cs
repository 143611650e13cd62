namespace Workflows;

/// <summary>32-bit FNV-1a over the UTF-16 code units of a string: the same in every process, platform and version.</summary>
internal static class StableHashing
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static int Of(string value)
    {
        var hash = FnvOffsetBasis;
        foreach (var unit in value)
        {
            hash = (hash ^ (byte)unit) * FnvPrime;
            hash = (hash ^ (byte)(unit >> 8)) * FnvPrime;
        }
        return unchecked((int)hash);
    }
}
