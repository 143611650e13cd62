namespace Workflows.Runtime.Tests.Support;

/// <summary>Waits for a condition that background work makes true; a guard against hangs, not a timing assertion.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++) await Task.Delay(10);
        Assert.That(condition(), Is.True, "the condition was never met");
    }

    public static async Task TrueAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 3000 && !await condition(); i++) await Task.Delay(10);
        Assert.That(await condition(), Is.True, "the condition was never met");
    }

    /// <summary>The first value <paramref name="read"/> returns that satisfies <paramref name="condition"/>.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        for (var i = 0; i < 3000; i++)
        {
            var value = await read();
            if (condition(value)) return value;
            await Task.Delay(10);
        }
        Assert.Fail("the condition was never met");
        throw new InvalidOperationException("unreachable");
    }
}
