namespace CxMonitor.Web.Ingest;

/// <summary>The 202 body: what was stored, what was a resend, and every rejected field.</summary>
public sealed record IngestSummary(int Accepted, int Duplicates, IReadOnlyList<ItemError> Rejected)
{
    /// <summary>Reviews only: resends whose content changed and replaced the stored review.</summary>
    public int? Updated { get; init; }
}

public enum IngestStatus
{
    Accepted,
    NothingValid,
    Forbidden,
    Full,

    /// <summary>Back-filled ratings could not be checked against InfluxDB: nothing was stored.</summary>
    CannotCheck,
}

public sealed record IngestOutcome(IngestStatus Status, IngestSummary Summary, string? Detail = null)
{
    /// <summary>No item survived: 403 when every item named a site the key may not write, else 400.</summary>
    public static IngestOutcome NoneValid(int items, int forbidden, IReadOnlyList<ItemError> errors, string noun)
    {
        if (forbidden > 0 && forbidden == items)
            return new(IngestStatus.Forbidden, new IngestSummary(0, 0, errors), "This API key may not write to the sites or reviews named in the request.");
        var detail = items == 0 ? $"The body holds no {noun}." : $"None of the {items} {noun} is valid; see 'rejected'.";
        return new(IngestStatus.NothingValid, new IngestSummary(0, 0, errors), detail);
    }
}

/// <summary>The key's site scope, applied per item after validation.</summary>
public static class SiteScope
{
    /// <summary>False (and the item rejected on its site) when the key may not write there.
    /// <paramref name="keySites"/> is the caller's <see cref="CxMonitor.Web.Access.ApiKeyClaims.Sites"/>, read once per request.</summary>
    public static bool Allows(string keySites, int index, string site, List<ItemError> errors)
    {
        if (CxMonitor.Web.Access.ApiKeyClaims.CanWriteSite(keySites, site))
            return true;
        errors.Add(new ItemError(index, "site", $"this API key may not write site '{site}'"));
        return false;
    }
}
