using System.Globalization;

namespace Workflows.Dashboard.Pages;

/// <summary>The rows of the instance list: ID (linked), workflow, status, execution, created, ended, parent (linked).</summary>
internal static class InstanceRowsHtml
{
    public static string Render(IReadOnlyList<WorkflowInstanceInfo> instances, string prefix)
    {
        var html = new HtmlBuilder(instances.Count * 400 + 256);
        foreach (var instance in instances)
        {
            html.Start("tr").Content();
            html.Start("td").Content().Start("a").Attr("class", "instance-link").Attr("href", Links.Instance(prefix, instance.InstanceId)).TextElement("a", instance.InstanceId).Close("td");
            html.Start("td").TextElement("td", instance.WorkflowName);
            html.Start("td").Content().Badge(instance.Status.ToString());
            if (instance.StalledReason is { } stalled) html.Start("span").Attr("class", "stalled").Attr("title", stalled).TextElement("span", "stalled");
            html.Close("td");
            html.Start("td").Attr("class", "number").TextElement("td", instance.Execution.ToString(CultureInfo.InvariantCulture));
            html.Start("td").TextElement("td", Links.Time(instance.CreatedAt));
            html.Start("td").TextElement("td", Links.Time(instance.CompletedAt));
            html.Start("td").Content();
            if (instance.ParentInstanceId is { } parent) html.Start("a").Attr("href", Links.Instance(prefix, parent)).TextElement("a", parent);
            html.Close("td").Close("tr");
        }
        return html.ToString();
    }
}
