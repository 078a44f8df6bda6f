namespace CxMonitor.Web.Access;

/// <summary>Names other features put on their endpoints.</summary>
public static class AccessPolicies
{
    /// <summary>Authorization: any authenticated caller (for now: any valid API key).</summary>
    public const string Read = "Read";

    /// <summary>Authorization: authenticated by the API-key scheme; check the site with
    /// <see cref="ApiKeyClaims.CanWriteSite"/>.</summary>
    public const string Ingest = "Ingest";

    /// <summary>Rate limiter policy: a token bucket per API key (per remote IP without a key).</summary>
    public const string IngestRateLimit = "ingest";
}

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string Header = "X-Api-Key";
}
