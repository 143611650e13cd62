using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Dashboard;

/// <summary>The JSON of the HTTP API: web defaults (camelCase), enums as strings, no nulls.</summary>
public static class WorkflowsApiJson
{
    /// <summary>The options the API writes with and <see cref="WorkflowsApiClient"/> reads with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
