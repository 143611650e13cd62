using System.Globalization;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// The timeline's rows: one per operation with its kind, status, a bar from its start to its record and its details;
/// a fan-out folds its items into a <c>details</c> element. Pending operations are marked for highlighting.
/// </summary>
internal static class TimelineHtml
{
    private static readonly string[] Kinds = Enum.GetNames<WorkflowOperationKind>();
    private static readonly string[] Statuses = Enum.GetNames<WorkflowOperationStatus>();
    private static readonly string?[] Indents = [null, .. Enumerable.Range(1, 15).Select(d => string.Create(CultureInfo.InvariantCulture, $"padding-left: {d * 1.2:0.#}em"))];

    public static string Render(IReadOnlyList<WorkflowOperation> operations, TimelineScale scale, string prefix)
    {
        // About 400 characters a row: sized up front, the text is not copied as it grows.
        var html = new HtmlBuilder(Count(operations) * 400 + 1024);
        Rows(html, operations, 0, scale, prefix);
        return html.ToString();
    }

    private static int Count(IReadOnlyList<WorkflowOperation> operations) => operations.Sum(o => 1 + Count(o.Operations));

    private static void Rows(HtmlBuilder html, IReadOnlyList<WorkflowOperation> operations, int depth, TimelineScale scale, string prefix)
    {
        foreach (var operation in operations)
        {
            if (operation.Kind == WorkflowOperationKind.FanOut)
            {
                html.Start("details").Attr("class", "fanout").Attr("data-operation", operation.Id).Content().Start("summary").Content();
                Row(html, operation, depth, ItemSummary(operation), scale, prefix);
                html.Close("summary");
                Rows(html, operation.Operations, depth + 1, scale, prefix);
                html.Close("details");
                continue;
            }
            Row(html, operation, depth, null, scale, prefix);
            if (operation.Operations.Count > 0) Rows(html, operation.Operations, depth + 1, scale, prefix);
        }
    }

    private static void Row(HtmlBuilder html, WorkflowOperation operation, int depth, string? note, TimelineScale scale, string prefix)
    {
        var kind = Kinds[(int)operation.Kind];
        var status = Statuses[(int)operation.Status];
        var pending = TimelineScale.IsPending(operation);
        html.Start("div").Attr("class", pending ? "op pending" : "op").Attr("data-operation", operation.Id).Attr("data-kind", kind).Attr("data-status", status).Content();
        html.Start("span").Attr("class", "op-name").Attr("style", Indents[Math.Min(depth, Indents.Length - 1)]).TextElement("span", operation.Name);
        html.Start("span").Attr("class", "op-kind").TextElement("span", kind);
        html.Start("span").Attr("class", "op-status").Content().Badge(status).Close("span");
        html.Start("span").Attr("class", "op-track").Content().Start("span").Attr("class", Css.Bar(status)).Attr("style", scale.Style(operation)).Content().Close("span").Close("span");
        html.Start("span").Attr("class", "op-detail").Content();
        if (note is not null) html.Start("span").Attr("class", "note").TextElement("span", note);
        if (operation.Attempts > 1) html.Start("span").Attr("class", "attempts").TextElement("span", $"{operation.Attempts} attempts");
        foreach (var failed in operation.FailedAttempts)
            html.Start("span").Attr("class", "error attempt-error").Attr("title", Links.Time(failed.FailedAt) + " UTC")
                .TextElement("span", $"attempt {failed.Attempt} failed: {failed.Error.Type}: {failed.Error.Message}");
        if (operation.FailedAttempts.Count == 0 && operation.LastFailedAttemptError is { } failure && operation.Error is null)
        {
            var attempt = operation.Status == WorkflowOperationStatus.Retrying ? operation.Attempts : operation.Attempts - 1;
            html.Start("span").Attr("class", "error attempt-error").TextElement("span", $"attempt {attempt} failed: {failure.Type}: {failure.Message}");
        }
        if (operation.Error is { } error) html.Start("span").Attr("class", "error").TextElement("span", $"{error.Type}: {error.Message}");
        if (operation.DueAt is { } due && pending) html.Start("span").Attr("class", "due").TextElement("span", $"due {Links.Time(due)} UTC");
        if (operation.ChildInstanceId is { } child)
        {
            html.Start("a").Attr("class", "child-link").Attr("href", Links.Instance(prefix, child)).TextElement("a", child);
            if (operation.ChildStatus is { } childStatus) html.Badge(childStatus.ToString());
        }
        if (operation.ResultJson is { } result && operation.Kind != WorkflowOperationKind.FanOut) html.Start("code").Attr("class", "result").TextElement("code", Shorten(result));
        html.Start("span").Attr("class", "offset").TextElement("span", scale.Offset(operation.RecordedAt));
        html.Close("span").Close("div");
    }

    private static string ItemSummary(WorkflowOperation fanOut) =>
        $"{fanOut.ItemCount} items: " + string.Join(", ", fanOut.Operations.GroupBy(i => i.Status).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    private static string Shorten(string json)
    {
        var line = Payloads.Line(json);
        return line.Length <= 120 ? line : line[..119] + "…";
    }
}
