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
        (r.Time.ToUnixTimeMilliseconds() * 1_000_000) + (long)(Ids.StableHash.Of(r.Platform, r.ExternalId) % 1_000_000);

    /// <remarks>An edit rewrites every field (0 or "" when absent): a rewrite of the same point
    /// only replaces the fields it carries, so an edit that drops the stars must still overwrite
    /// them. A first version leaves out what is 0 or empty, which readers sum as 0 anyway: every
    /// field costs InfluxDB work, and an import writes a million reviews at once. The stars mean
    /// is therefore <c>sum(stars) / sum(starred)</c>, and reviews are counted with <c>sum(n)</c>.</remarks>
    public static void Append(StringBuilder sb, ValidReview r, string site, long timestampNs, bool firstVersion = false)
    {
        // Written straight into the batch (tags in key order, keys known to be valid): an import
        // encodes a million of these, and a point object per review was mostly garbage.
        sb.Append(Measurement).Append(",platform=");
        LineProtocol.AppendTagValue(sb, "platform", r.Platform);
        sb.Append(",site=");
        LineProtocol.AppendTagValue(sb, "site", site);
        // n first (a line needs a field before the strings), then the rest of the numbers.
        var numbers = Numbers(r);
        sb.Append(' ').Append(numbers[0].Name).Append('=');
        LineProtocol.AppendLong(sb, (long)numbers[0].Value);
        Text(sb, "external_id", r.ExternalId, skipEmpty: false);
        // The point keeps its first version's time; an edit says when it was written.
        if (!firstVersion)
            Number(sb, "posted_ms", r.Time.ToUnixTimeMilliseconds(), skipZero: false);
        foreach (var (name, value, integer) in numbers.AsSpan(1))
        {
            // A first version leaves out zeros (see remarks).
            if (firstVersion && value == 0)
                continue;
            sb.Append(',').Append(name).Append('=');
            if (integer)
                LineProtocol.AppendLong(sb, (long)value);
            else
                LineProtocol.AppendDouble(sb, name, value);
        }
        Text(sb, "topics", r.Topics.Count == 0 ? null : string.Join(',', r.Topics), firstVersion);
        Text(sb, "title", r.Title, firstVersion);
        Text(sb, "text", r.Text, firstVersion);
        Text(sb, "author", r.Author, firstVersion);
        Text(sb, "url", r.Url, firstVersion);
        Text(sb, "language", r.Language, firstVersion);
        sb.Append(' ').Append(timestampNs);
    }

    /// <summary>The numeric fields of a review's point: written by <see cref="Append"/>, and the
    /// only source of what memory counts for it (Metrics.CountedFields.FromPoint). A deleted
    /// review keeps its point with nothing counted.</summary>
    public static (string Name, double Value, bool Integer)[] Numbers(ValidReview r) =>
    [
        ("n", r.Removed ? 0 : 1, true),
        ("stars", r.Removed ? 0 : r.Stars ?? 0, true),
        ("starred", r.Stars is null || r.Removed ? 0 : 1, true),
        ("neg", r.IsNegative ? 1 : 0, true),
        ("scored", r.Sentiment is null || r.Removed ? 0 : 1, true),
        ("removed", r.Removed ? 1 : 0, true),
        ("sentiment", r.Removed ? 0.0 : r.Sentiment ?? 0.0, false),
    ];

    private static void Number(StringBuilder sb, string field, long value, bool skipZero)
    {
        if (value != 0 || !skipZero)
            sb.Append(',').Append(field).Append('=').Append(value).Append('i');
    }

    private static void Text(StringBuilder sb, string field, string? value, bool skipEmpty)
    {
        if (string.IsNullOrEmpty(value) && skipEmpty)
            return;
        sb.Append(',').Append(field).Append('=');
        LineProtocol.AppendStringField(sb, value ?? string.Empty);
    }

    /// <summary>Detects a resend with nothing changed (a duplicate) versus an edit.</summary>
    public static long ContentHash(ValidReview r) => (long)Ids.StableHash.Of(
        r.Platform + "\u001f" + r.ExternalId,
        string.Join('\u001f', r.Time.ToUnixTimeMilliseconds(), r.Stars, r.Title, r.Text, r.Author, r.Url, r.Site, r.Language, r.Removed));
}
