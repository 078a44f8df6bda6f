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

    /// <summary>The line of a rating, as readable reference: the ingest path writes the same bytes
    /// with <see cref="RatingLines"/> (tested equal).</summary>
    public static void Append(StringBuilder sb, string seriesKey, ValidRating r, long timestampNs)
    {
        sb.Append(seriesKey);
        AppendNumbers(sb, r);
        Text(sb, "id", r.Id);
        Text(sb, "customer", r.Customer);
        Text(sb, "reasons", r.Reasons.Count == 0 ? null : string.Join(',', r.Reasons));
        Text(sb, "comment", r.Comment);
        Text(sb, "language", r.Language);
        sb.Append(' ').Append(timestampNs);
    }

    /// <summary>The numeric fields after the series key, with the space before them.</summary>
    public static void AppendNumbers(StringBuilder sb, ValidRating r)
    {
        var first = true;
        foreach (var (name, value, integer) in Numbers(r))
        {
            sb.Append(first ? ' ' : ',').Append(name).Append('=');
            if (integer)
                LineProtocol.AppendLong(sb, (long)value);
            else
                LineProtocol.AppendDouble(sb, name, value);
            first = false;
        }
    }

    private static void Tag(StringBuilder sb, string key, string? value)
    {
        if (value is null)
            return;
        sb.Append(',').Append(key).Append('=');
        LineProtocol.AppendTagValue(sb, key, value);
    }

    /// <summary>The numeric fields of a rating's point: written by <see cref="Append"/>, and the
    /// only source of what memory counts for it (Metrics.CountedFields.FromPoint).</summary>
    public static List<(string Name, double Value, bool Integer)> Numbers(ValidRating r)
    {
        var c = r.Class;
        var numbers = new List<(string, double, bool)>(12)
        {
            ("score", r.Score, true),
            ("norm", c.Norm, false),
            ("sat", Flag(c.Satisfaction == Satisfaction.Satisfied), true),
            ("neu", Flag(c.Satisfaction == Satisfaction.Neutral), true),
            ("dis", Flag(c.Satisfaction == Satisfaction.Dissatisfied), true),
        };
        if (c.IsCsatLike)
        {
            numbers.Add(("csat_n", 1, true));
            numbers.Add(("csat_sat", Flag(c.Satisfaction == Satisfaction.Satisfied), true));
        }
        if (c.Nps is { } nps)
        {
            numbers.Add(("nps_n", 1, true));
            numbers.Add(("prom", Flag(nps == NpsCategory.Promoter), true));
            numbers.Add(("pas", Flag(nps == NpsCategory.Passive), true));
            numbers.Add(("det", Flag(nps == NpsCategory.Detractor), true));
        }
        if (r.Scale == RatingScale.Ces7)
            numbers.Add(("ces", r.Score, true));
        return numbers;
    }

    private static int Flag(bool value) => value ? 1 : 0;

    private static void Text(StringBuilder sb, string key, string? value)
    {
        if (value is null)
            return;
        sb.Append(',').Append(key).Append('=');
        LineProtocol.AppendStringField(sb, value);
    }
}
