namespace CxMonitor.Web.Access;

/// <summary>What is known of a key apart from its secret. <see cref="Sites"/> is <c>["*"]</c>
/// for a key that may write every site.</summary>
public sealed record ApiKeyInfo(
    string KeyId,
    string Source,
    IReadOnlyList<string> Sites,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public const string AllSites = "*";

    public bool CoversAllSites => Sites is [AllSites];

    public bool IsRevoked => RevokedAt is not null;

    public string SitesText => string.Join(',', Sites);
}
