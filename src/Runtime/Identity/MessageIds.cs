namespace Workflows.Identity;

/// <summary>The IDs of inbox messages.</summary>
internal static class MessageIds
{
    /// <summary>A new message's ID: unique, so a message is taken once.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The message an operation of a workflow sends: the same on every replay of the sender, so a send can never be
    /// stored twice under two IDs.
    /// </summary>
    public static string Sent(string senderInstanceId, int execution, string operationId) => $"sent:{execution}:{operationId}@{senderInstanceId}";

    /// <summary>The one completion message per child: a redelivered completion overwrites, never duplicates.</summary>
    public static string ChildCompletion(string childInstanceId) => "child:" + childInstanceId;
}
