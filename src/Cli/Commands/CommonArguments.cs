using System.CommandLine;

namespace Workflows.Cli.Commands;

/// <summary>The arguments and options several commands share.</summary>
internal static class CommonArguments
{
    public static Option<WorkflowStatus?> Status(string description) => new("--status") { Description = description };

    public static Option<bool> Json(string description) => new("--json") { Description = description };
}
