using System.CommandLine;

namespace Workflows.Cli.Commands;

/// <summary>The arguments and options several commands share.</summary>
internal static class CommonArguments
{
    public static Argument<FileInfo> Database() => new("db") { Description = "The LiteDB checkpoint file (the engine's store path)." };

    public static Argument<string> InstanceId() => new("instanceId") { Description = "The workflow instance ID." };

    public static Option<string?> Password() => new("--password") { Description = "The password the store is encrypted with, if any." };

    public static Option<WorkflowStatus?> Status(string description) => new("--status") { Description = description };
}
