namespace Workflows.Cli;

/// <summary>A failure to report as one message and an exit code, without a stack trace.</summary>
internal sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
