using System.Security.Claims;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.People;

/// <summary>The app's policy evaluator reuses the request's authentication only when it came from
/// the very scheme the policy names (<see cref="AuthenticatedOncePolicyEvaluator"/>): a person's
/// session must never pass for an API key. Over HTTP every cookie write to the API swaps the user
/// for the CSRF check, which clears the result, so this asks the evaluator directly, with the app's
/// own services, policy and API-key scheme.</summary>
public sealed class IngestPolicyTakesOnlyTheKeysResult(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task A_session_result_is_not_taken_for_the_key_scheme()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        using var scope = app.Services.CreateScope();
        var person = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], AccessSchemes.Cookie));

        var result = await EvaluateAsync(scope.ServiceProvider, AuthenticateResult.Success(new AuthenticationTicket(person, AccessSchemes.Cookie)));

        // No X-Api-Key header: the key scheme itself finds nothing.
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_key_result_is_taken_as_it_is()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        using var scope = app.Services.CreateScope();
        var key = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ApiKeyClaims.KeyIdType, "k1")], ApiKeyDefaults.Scheme));
        var keyResult = AuthenticateResult.Success(new AuthenticationTicket(key, ApiKeyDefaults.Scheme));

        var result = await EvaluateAsync(scope.ServiceProvider, keyResult);

        Assert.Same(keyResult, result);
    }

    private static async Task<AuthenticateResult> EvaluateAsync(IServiceProvider services, AuthenticateResult earlier)
    {
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(AccessPolicies.Ingest);
        var context = new DefaultHttpContext { RequestServices = services, User = earlier.Principal! };
        context.Features.Set<IAuthenticateResultFeature>(new Earlier(earlier));
        return await services.GetRequiredService<IPolicyEvaluator>().AuthenticateAsync(policy!, context);
    }

    private sealed class Earlier(AuthenticateResult result) : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;
    }
}
