namespace CxMonitor.Web.Access;

/// <summary>Names other features put on their endpoints and hub methods.</summary>
public static class AccessPolicies
{
    /// <summary>Authorization: any authenticated caller: a signed-in person of any role, or an API key.</summary>
    public const string Read = "Read";

    /// <summary>Authorization: authenticated by the API-key scheme; check the site with
    /// <see cref="ApiKeyClaims.CanWriteSite"/>.</summary>
    public const string Ingest = "Ingest";

    /// <summary>Authorization: a signed-in person (cookie), whatever their role.</summary>
    public const string Person = "Person";

    /// <summary>Authorization: people who work alerts (Admin, Manager, Duty).</summary>
    public const string Duty = "Duty";

    /// <summary>Authorization: people who read trends and league tables (Admin, Manager, Executive).</summary>
    public const string Executive = "Executive";

    /// <summary>Authorization: administrators (people, keys, sites, boards, channels, jobs).</summary>
    public const string Admin = "Admin";

    /// <summary>Authorization: changing the site catalog: an admin, or a provisioning script with
    /// an API key (which must cover all sites, checked by the endpoint).</summary>
    public const string CatalogWrite = "CatalogWrite";

    /// <summary>Authorization: importing review files: an admin, or an API key (limited to its
    /// sites, checked per review).</summary>
    public const string ReviewImport = "ReviewImport";

    /// <summary>Rate limiter policy: a token bucket per API key (per remote IP without a key).</summary>
    public const string IngestRateLimit = "ingest";
}

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string Header = "X-Api-Key";
}
