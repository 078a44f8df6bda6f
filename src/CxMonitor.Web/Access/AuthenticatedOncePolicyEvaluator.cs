using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CxMonitor.Web.Access;

/// <summary>ASP.NET's policy evaluator, except that a policy naming exactly the scheme that already
/// authenticated the request (the ingest policy and an API key) takes that result instead of
/// authenticating again. The framework's evaluator runs the scheme a second time, makes a new
/// ticket, principal and transform cache, and for every rating request that was ~7 % of what the
/// app allocated (issue 19). A request authenticated by any other scheme (a person's cookie on
/// the ingest API) is evaluated by the framework as before, so it is refused as before.</summary>
internal sealed class AuthenticatedOncePolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    public override Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (policy.AuthenticationSchemes is [var scheme]
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result
            && string.Equals(result.Ticket.AuthenticationScheme, scheme, StringComparison.Ordinal)
            && ReferenceEquals(result.Principal, context.User))
            return Task.FromResult(result);
        return base.AuthenticateAsync(policy, context);
    }
}
