namespace Workflows.Identity;

/// <summary>The IDs of inbox messages.</summary>
internal static class MessageIds
{
    /// <summary>A new message's ID: unique, so a message is taken once.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The one completion message per child: a redelivered completion overwrites, never duplicates.</summary>
    public static string ChildCompletion(string childInstanceId) => "child:" + childInstanceId;
}
