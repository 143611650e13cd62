using Spectre.Console;

namespace Workflows.Cli;

/// <summary>
/// Where a command writes: tables and trees to <see cref="Console"/>, machine-readable text (JSON) unwrapped to
/// <see cref="Out"/>, and errors to <see cref="Error"/>.
/// </summary>
internal sealed record CliOutput(IAnsiConsole Console, TextWriter Out, TextWriter Error);
