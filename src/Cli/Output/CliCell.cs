namespace Workflows.Cli.Output;

/// <summary>A table cell: its text and, on a terminal, its colour (a Spectre.Console colour name).</summary>
internal readonly record struct CliCell(string Text, string? Color = null)
{
    public static implicit operator CliCell(string text) => new(text);
}
