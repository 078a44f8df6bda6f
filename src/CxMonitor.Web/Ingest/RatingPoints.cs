using System.Text;
using CxMonitor.Core.Ratings;
using CxMonitor.Influx.Write;

namespace CxMonitor.Web.Ingest;

/// <summary>How a rating is stored: measurement <c>rating</c>, dimensions as tags, and
/// classification as 0/1 integer fields so every metric is a count or a sum in InfluxQL.</summary>
/// <remarks>
/// The timestamp is the rating's millisecond plus a nanosecond chosen by the
/// <see cref="Ids.RatingLedger"/>: the id's own nanosecond, or the next free one when another
/// rating of the series holds it. A resend of a remembered id is a duplicate and not written
/// (docs/decisions/0004-idempotent-rating-points.md).
/// </remarks>
public static class RatingPoints
{
    public const string Measurement = "rating";

    /// <summary>The series: measurement and tags in key order, as InfluxDB prefers, escaped as in
    /// the line. Its hash identifies the series in the ledger.</summary>
    public static string SeriesKey(ValidRating r)
    {
        var sb = new StringBuilder(96);
        sb.Append(Measurement);
        Tag(sb, "channel", r.Channel);
        Tag(sb, "scale", RatingScales.Code(r.Scale));
        Tag(sb, "site", r.Site);
        Tag(sb, "source", r.Source);
        Tag(sb, "team", r.Team);
        Tag(sb, "touchpoint", r.Touchpoint);
        return sb.ToString();
    }

    /// <summary>Encodes straight into the buffer (no PointData, no boxed fields): this runs for
    /// every rating.</summary>
    public static void Append(StringBuilder sb, string seriesKey, ValidRating r, long timestampNs)
    {
        var c = r.Class;
        sb.Append(seriesKey);
        sb.Append(" score=");
        LineProtocol.AppendLong(sb, r.Score);
        sb.Append(",norm=");
        LineProtocol.AppendDouble(sb, "norm", c.Norm);
        Flag(sb, "sat", c.Satisfaction == Satisfaction.Satisfied);
        Flag(sb, "neu", c.Satisfaction == Satisfaction.Neutral);
        Flag(sb, "dis", c.Satisfaction == Satisfaction.Dissatisfied);
        if (c.IsCsatLike)
        {
            sb.Append(",csat_n=1i");
            Flag(sb, "csat_sat", c.Satisfaction == Satisfaction.Satisfied);
        }
        if (c.Nps is { } nps)
        {
            sb.Append(",nps_n=1i");
            Flag(sb, "prom", nps == NpsCategory.Promoter);
            Flag(sb, "pas", nps == NpsCategory.Passive);
            Flag(sb, "det", nps == NpsCategory.Detractor);
        }
        if (r.Scale == RatingScale.Ces7)
        {
            sb.Append(",ces=");
            LineProtocol.AppendLong(sb, r.Score);
        }
        Text(sb, "id", r.Id);
        Text(sb, "customer", r.Customer);
        Text(sb, "reasons", r.Reasons.Count == 0 ? null : string.Join(',', r.Reasons));
        Text(sb, "comment", r.Comment);
        Text(sb, "language", r.Language);
        sb.Append(' ').Append(timestampNs);
    }

    private static void Tag(StringBuilder sb, string key, string? value)
    {
        if (value is null)
            return;
        sb.Append(',').Append(key).Append('=');
        LineProtocol.AppendTagValue(sb, key, value);
    }

    private static void Flag(StringBuilder sb, string key, bool value) =>
        sb.Append(',').Append(key).Append(value ? "=1i" : "=0i");

    private static void Text(StringBuilder sb, string key, string? value)
    {
        if (value is null)
            return;
        sb.Append(',').Append(key).Append('=');
        LineProtocol.AppendStringField(sb, value);
    }
}
