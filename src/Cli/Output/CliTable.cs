using Spectre.Console;

namespace Workflows.Cli.Output;

/// <summary>
/// A table of plain text cells, some with a colour: drawn with Spectre.Console on a terminal, or written as plain
/// columns padded to their widest value, never wrapped or cut, when the output is redirected.
/// </summary>
internal sealed class CliTable(params string[] headers)
{
    private readonly List<CliCell[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params CliCell[] cells) => _rows.Add(cells);

    public void Write(CliOutput output)
    {
        if (output.Plain)
        {
            var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Text.Length).DefaultIfEmpty(0).Max())).ToArray();
            output.Out.WriteLine(Line(headers, widths));
            foreach (var row in _rows) output.Out.WriteLine(Line(row.Select(c => c.Text).ToArray(), widths));
            return;
        }
        var table = new Table().AddColumns(headers);
        foreach (var row in _rows) table.AddRow(row.Select(c => c.Color is { } color ? $"[{color}]{Markup.Escape(c.Text)}[/]" : Markup.Escape(c.Text)).ToArray());
        output.Console.Write(table);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
