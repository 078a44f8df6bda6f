using System.Security.Claims;

namespace CxMonitor.Web.Access;

/// <summary>Reads what an API key may do from the caller's principal.</summary>
public static class ApiKeyClaims
{
    public const string KeyIdType = "cx:key";
    public const string SourceType = "cx:source";
    public const string SitesType = "cx:sites";

    // One principal per key as the store holds it (a key changed or revoked is read anew, a new
    // ApiKeyInfo): each request of a terminal presented the same claims, made anew each time, about
    // a tenth of what a single rating allocated (issue 19). Nothing in the app changes a principal.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiKeyInfo, ClaimsPrincipal> Principals = new();

    /// <summary>The principal of a key of <see cref="ApiKeyDefaults.Scheme"/>, made once per key.</summary>
    public static ClaimsPrincipal PrincipalOf(ApiKeyInfo key) =>
        Principals.GetValue(key, static k => ToPrincipal(k));

    private static ClaimsPrincipal ToPrincipal(ApiKeyInfo key)
    {
        // Claims made with their identity as subject: an identity copies any other claim it is
        // given.
        var identity = new ClaimsIdentity(ApiKeyDefaults.Scheme, nameType: SourceType, roleType: null);
        identity.AddClaim(new Claim(KeyIdType, key.KeyId, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        identity.AddClaim(new Claim(SourceType, key.Source, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        identity.AddClaim(new Claim(SitesType, key.SitesText, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        return new ClaimsPrincipal(identity);
    }

    public static string? KeyId(ClaimsPrincipal user) => user.FindFirst(KeyIdType)?.Value;

    public static string? Source(ClaimsPrincipal user) => user.FindFirst(SourceType)?.Value;

    /// <summary><c>*</c>, a comma-separated list of site ids, or empty without a key.</summary>
    public static string Sites(ClaimsPrincipal user) => user.FindFirst(SitesType)?.Value ?? "";

    public static bool CoversAllSites(ClaimsPrincipal user) => Sites(user) == ApiKeyInfo.AllSites;

    public static bool CanWriteSite(ClaimsPrincipal user, string siteId) => CanWriteSite(Sites(user), siteId);

    /// <summary>With the key's <see cref="Sites"/> read once per request: called for every rating,
    /// hence the allocation-free scan of the site list (finding the claim enumerates the principal).</summary>
    public static bool CanWriteSite(string sites, string siteId)
    {
        if (siteId.Length == 0)
            return false;
        if (sites == ApiKeyInfo.AllSites)
            return true;
        var span = sites.AsSpan();
        foreach (var range in span.Split(','))
        {
            if (span[range].SequenceEqual(siteId))
                return true;
        }
        return false;
    }
}
