using System.Security.Claims;

namespace CxMonitor.Web.Access;

/// <summary>Reads what an API key may do from the caller's principal.</summary>
public static class ApiKeyClaims
{
    public const string KeyIdType = "cx:key";
    public const string SourceType = "cx:source";
    public const string SitesType = "cx:sites";

    public static ClaimsPrincipal ToPrincipal(ApiKeyInfo key, string scheme) => new(new ClaimsIdentity(
        [new Claim(KeyIdType, key.KeyId), new Claim(SourceType, key.Source), new Claim(SitesType, key.SitesText)],
        scheme, nameType: SourceType, roleType: null));

    public static string? KeyId(ClaimsPrincipal user) => user.FindFirst(KeyIdType)?.Value;

    public static string? Source(ClaimsPrincipal user) => user.FindFirst(SourceType)?.Value;

    /// <summary><c>*</c>, a comma-separated list of site ids, or empty without a key.</summary>
    public static string Sites(ClaimsPrincipal user) => user.FindFirst(SitesType)?.Value ?? "";

    public static bool CoversAllSites(ClaimsPrincipal user) => Sites(user) == ApiKeyInfo.AllSites;

    /// <summary>Called for every rating, hence the allocation-free scan of the site list.</summary>
    public static bool CanWriteSite(ClaimsPrincipal user, string siteId)
    {
        var sites = Sites(user);
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
