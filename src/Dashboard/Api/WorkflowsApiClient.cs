using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Storage;

namespace Workflows.Dashboard;

/// <summary>
/// Reads the instances of a running app through its HTTP API (<c>MapWorkflowsApi</c>): what the CLI's <c>--url</c>
/// uses. Point <see cref="HttpClient.BaseAddress"/> at the API's prefix with a trailing slash
/// (<c>http://host/workflows/api/</c>) and add what the app's read policy needs (a cookie, a bearer token).
/// </summary>
public sealed class WorkflowsApiClient(HttpClient http) : IWorkflowInspector
{
    /// <inheritdoc />
    public Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return GetAsync<WorkflowInstanceInfo>($"instance?id={Uri.EscapeDataString(instanceId)}", instanceId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkflowInstancePage> QueryInstancesAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parameters.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("workflow", query.WorkflowName);
        Add("status", query.Status?.ToString());
        Add("createdFrom", query.CreatedFrom?.ToString("O", CultureInfo.InvariantCulture));
        Add("createdBefore", query.CreatedBefore?.ToString("O", CultureInfo.InvariantCulture));
        Add("idPrefix", query.InstanceIdPrefix);
        Add("parent", query.ParentInstanceId);
        Add("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture));
        Add("continuationToken", query.ContinuationToken);
        return GetAsync<WorkflowInstancePage>("instances?" + string.Join('&', parameters), null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkflowInstanceHistory> GetHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var path = $"instance/history?id={Uri.EscapeDataString(instanceId)}" + (execution is { } n ? $"&execution={n.ToString(CultureInfo.InvariantCulture)}" : "");
        return GetAsync<WorkflowInstanceHistory>(path, instanceId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowHistory> ExportHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var path = $"instance/export?id={Uri.EscapeDataString(instanceId)}" + (execution is { } n ? $"&execution={n.ToString(CultureInfo.InvariantCulture)}" : "");
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(response, path, instanceId, cancellationToken).ConfigureAwait(false);
        return WorkflowHistory.FromJson(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default) =>
        GetAsync<InstanceStatistics>($"statistics?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}", null, cancellationToken);

    private async Task<T> GetAsync<T>(string path, string? instanceId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(response, path, instanceId, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(WorkflowsApiJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowException($"The workflows API at {http.BaseAddress} answered {path} with an empty body.");
    }

    private async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, string path, string? instanceId, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false);
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound when instanceId is not null => new WorkflowInstanceNotFoundException(instanceId),
            HttpStatusCode.BadRequest => new ArgumentException(detail),
            _ => new WorkflowException($"The workflows API at {http.BaseAddress} answered {(int)response.StatusCode} ({response.StatusCode}) to {path}: {detail}"),
        };
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { } text) return text;
        }
        catch (JsonException)
        {
        }
        return body.Length > 0 ? body : response.ReasonPhrase ?? "no details";
    }
}
