using System.Security.Claims;
using System.Text.Json;
using CxMonitor.Web.Access;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Capture;

/// <summary>Hands answers to the collector (<see cref="RatingIngest"/>) unchanged in its path: each
/// becomes the same JSON item an API client would send, under a principal that may write the one
/// site of the place. So a terminal or survey is counted, validated, spooled and de-duplicated
/// exactly as the API is; the collector's ledger makes a resent id count once.</summary>
public sealed class CaptureIngest(RatingIngest ingest)
{
    public Task<IngestOutcome> SubmitAsync(CapturePlace place, string idPrefix, IReadOnlyList<CaptureAnswer> answers)
    {
        var items = new List<IngestItem>(answers.Count);
        var documents = new List<JsonDocument>(answers.Count);
        try
        {
            for (var i = 0; i < answers.Count; i++)
            {
                var a = answers[i];
                var doc = JsonSerializer.SerializeToDocument(new Dictionary<string, object?>
                {
                    ["id"] = idPrefix + a.Id,
                    ["time"] = a.Time,
                    ["scale"] = place.Scale,
                    ["score"] = a.Score,
                    ["site"] = place.Site,
                    ["channel"] = place.Channel,
                    ["touchpoint"] = place.Touchpoint,
                    ["source"] = place.Source,
                    ["reasons"] = a.Reasons is { Count: > 0 } ? a.Reasons : null,
                    ["comment"] = string.IsNullOrWhiteSpace(a.Comment) ? null : a.Comment,
                    ["language"] = a.Language,
                }.Where(p => p.Value is not null).ToDictionary());
                documents.Add(doc);
                items.Add(new IngestItem(i, doc.RootElement, null));
            }
            return SubmitAndDisposeAsync(items, documents, Principal(place));
        }
        catch
        {
            documents.ForEach(d => d.Dispose());
            throw;
        }
    }

    private async Task<IngestOutcome> SubmitAndDisposeAsync(List<IngestItem> items, List<JsonDocument> documents, ClaimsPrincipal user)
    {
        try
        {
            return await ingest.IngestAsync(items, user);
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    private static ClaimsPrincipal Principal(CapturePlace place) => new(new ClaimsIdentity(
        [new Claim(ApiKeyClaims.SourceType, place.Source), new Claim(ApiKeyClaims.SitesType, place.Site)],
        "Capture", nameType: ApiKeyClaims.SourceType, roleType: null));
}
