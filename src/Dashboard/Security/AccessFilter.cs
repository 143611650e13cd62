using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Dashboard.Security;

/// <summary>Lets a request reach an endpoint only when the read (or, for actions, the write) policy allows it; 403 otherwise.</summary>
internal sealed class AccessFilter(bool write) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var access = context.HttpContext.RequestServices.GetRequiredService<AccessCheck>();
        var allowed = write ? await access.CanWriteAsync(context.HttpContext) : await access.CanReadAsync(context.HttpContext);
        return allowed ? await next(context) : Results.Problem(access.WhyDenied(write), statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }
}
