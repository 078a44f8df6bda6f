using System.Text;
using CxMonitor.Core.Ratings;
using CxMonitor.Influx.Write;

namespace CxMonitor.Web.Ingest;

/// <summary>How a rating is stored: measurement <c>rating</c>, dimensions as tags, and
/// classification as 0/1 integer fields so every metric is a count or a sum in InfluxQL.</summary>
/// <remarks>
/// The timestamp is the rating's millisecond plus a nanosecond offset derived from its id: two
/// ratings of the same millisecond stay apart, and a resend of the same id lands on the same
/// series and timestamp, so InfluxDB overwrites it instead of counting it twice, whatever the
/// app remembers (docs/decisions/0004-idempotent-rating-points.md).
/// </remarks>
public static class RatingPoints
{
    public const string Measurement = "rating";

    public static long TimestampNs(DateTimeOffset time, string source, string id) =>
        (time.ToUnixTimeMilliseconds() * 1_000_000) + (long)(RecentIds.Hash(source, id) % 1_000_000);

    public static void Append(StringBuilder sb, ValidRating r)
    {
        var c = r.Class;
        var point = PointData.Measurement(Measurement)
            .Tag("site", r.Site)
            .Tag("scale", RatingScales.Code(r.Scale))
            .Tag("channel", r.Channel)
            .Tag("touchpoint", r.Touchpoint)
            .Tag("source", r.Source)
            .Tag("team", r.Team)
            .Field("score", r.Score)
            .Field("norm", c.Norm)
            .Field("sat", c.Satisfaction == Satisfaction.Satisfied ? 1 : 0)
            .Field("neu", c.Satisfaction == Satisfaction.Neutral ? 1 : 0)
            .Field("dis", c.Satisfaction == Satisfaction.Dissatisfied ? 1 : 0);
        if (c.IsCsatLike)
        {
            point.Field("csat_n", 1).Field("csat_sat", c.Satisfaction == Satisfaction.Satisfied ? 1 : 0);
        }
        if (c.Nps is { } nps)
        {
            point.Field("nps_n", 1)
                .Field("prom", nps == NpsCategory.Promoter ? 1 : 0)
                .Field("pas", nps == NpsCategory.Passive ? 1 : 0)
                .Field("det", nps == NpsCategory.Detractor ? 1 : 0);
        }
        if (r.Scale == RatingScale.Ces7)
            point.Field("ces", r.Score);
        point.Field("id", r.Id)
            .Field("customer", r.Customer)
            .Field("reasons", r.Reasons.Count == 0 ? null : string.Join(',', r.Reasons))
            .Field("comment", r.Comment)
            .Field("language", r.Language)
            .Timestamp(TimestampNs(r.Time, r.Source, r.Id), WritePrecision.Ns);
        point.AppendTo(sb);
    }
}
