using System.Text;
using CxMonitor.Influx.Write;

namespace CxMonitor.Web.Ingest;

/// <summary>How a review is stored: measurement <c>review</c>, tags site and platform. Its
/// timestamp comes from the review index, so an edit lands on the same point and replaces it.</summary>
public static class ReviewPoints
{
    public const string Measurement = "review";

    /// <summary>For a review seen the first time: its millisecond plus an offset derived from its
    /// identity, deterministic so that a crash between spool and index cannot make a twin.</summary>
    public static long FirstTimestampNs(ValidReview r) =>
        (r.Time.ToUnixTimeMilliseconds() * 1_000_000) + (long)(RecentIds.Hash(r.Platform, r.ExternalId) % 1_000_000);

    /// <remarks>Every field is always written (0 or "" when absent): a rewrite of the same
    /// point only replaces the fields it carries, so an edit that drops the stars must still
    /// overwrite them. The stars mean is therefore <c>sum(stars) / sum(starred)</c>.</remarks>
    public static void Append(StringBuilder sb, ValidReview r, string site, long timestampNs)
    {
        PointData.Measurement(Measurement)
            .Tag("site", site)
            .Tag("platform", r.Platform)
            .Field("n", r.Removed ? 0 : 1)
            .Field("stars", r.Removed ? 0 : r.Stars ?? 0)
            .Field("starred", r.Stars is null || r.Removed ? 0 : 1)
            .Field("neg", r.IsNegative ? 1 : 0)
            .Field("sentiment", r.Removed ? 0.0 : r.Sentiment ?? 0.0)
            .Field("scored", r.Sentiment is null || r.Removed ? 0 : 1)
            .Field("removed", r.Removed ? 1 : 0)
            .Field("topics", string.Join(',', r.Topics))
            .Field("external_id", r.ExternalId)
            .Field("title", r.Title ?? string.Empty)
            .Field("text", r.Text ?? string.Empty)
            .Field("author", r.Author ?? string.Empty)
            .Field("url", r.Url ?? string.Empty)
            .Field("language", r.Language ?? string.Empty)
            .Field("posted_ms", r.Time.ToUnixTimeMilliseconds())
            .Timestamp(timestampNs, WritePrecision.Ns)
            .AppendTo(sb);
    }

    /// <summary>Detects a resend with nothing changed (a duplicate) versus an edit.</summary>
    public static long ContentHash(ValidReview r) => (long)RecentIds.Hash(
        r.Platform + "\u001f" + r.ExternalId,
        string.Join('\u001f', r.Time.ToUnixTimeMilliseconds(), r.Stars, r.Title, r.Text, r.Author, r.Url, r.Site, r.Language, r.Removed));
}
