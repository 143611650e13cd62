namespace Workflows.Cli;

/// <summary>The tool's exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line is wrong (System.CommandLine's own code for parse errors).</summary>
    public const int Usage = 1;

    /// <summary>The instance does not exist.</summary>
    public const int NotFound = 2;

    /// <summary>The store cannot be opened: missing, held by another process, corrupt, newer schema, wrong password.</summary>
    public const int StoreUnavailable = 3;

    /// <summary>Replay found the current code incompatible with the instance.</summary>
    public const int Incompatible = 4;

    /// <summary>Replay could not run: the assembly does not load or lacks the workflow.</summary>
    public const int CannotReplay = 5;
}
