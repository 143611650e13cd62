using System.Text.Encodings.Web;
using System.Text.Json;
using Workflows.Dashboard;

namespace Workflows.Cli.Output;

/// <summary>What <c>--json</c> writes: the HTTP API's JSON, indented, unescaped for reading.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(WorkflowsApiJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync<T>(CliOutput output, T value) => output.Out.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
