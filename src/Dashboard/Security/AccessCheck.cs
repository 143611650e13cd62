using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Workflows.Dashboard.Security;

/// <summary>Decides whether a request may read or act, by the host's configured policies; no policy means no.</summary>
internal sealed class AccessCheck(IAuthorizationService authorization, IOptions<WorkflowsDashboardOptions> options)
{
    public Task<bool> CanReadAsync(HttpContext context) => AllowsAsync(context, options.Value.ReadPolicy);

    public Task<bool> CanWriteAsync(HttpContext context) => AllowsAsync(context, options.Value.WritePolicy);

    /// <summary>Why a denied request was denied, for its 403 response.</summary>
    public string WhyDenied(bool write)
    {
        var (what, policy, option) = write
            ? ("Acting on workflow instances", options.Value.WritePolicy, nameof(WorkflowsDashboardOptions.WritePolicy))
            : ("Reading workflow instances", options.Value.ReadPolicy, nameof(WorkflowsDashboardOptions.ReadPolicy));
        return policy is null
            ? $"{what} is denied: no policy allows it. Set WorkflowsDashboardOptions.{option} in AddWorkflowsDashboard to an authorization policy that this request meets."
            : $"{what} needs authorization policy '{policy}', which this request does not meet.";
    }

    private async Task<bool> AllowsAsync(HttpContext context, string? policy) =>
        policy is not null && (await authorization.AuthorizeAsync(context.User, policy).ConfigureAwait(false)).Succeeded;
}
