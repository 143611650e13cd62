using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// A page: a Razor component rendered to HTML on the server (static rendering; the renderer HTML-encodes every value)
/// and sent in one write. Rendering to a string first and writing it at once costs far less than streaming a page
/// of thousands of small fragments through the response.
/// </summary>
internal sealed class PageResult<TComponent>(Dictionary<string, object?> parameters, int statusCode = StatusCodes.Status200OK) : IResult
    where TComponent : IComponent
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        await httpContext.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), httpContext.RequestAborted);
    }
}
