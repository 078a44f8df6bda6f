using CxMonitor.Core.Alerts;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Alerts;

/// <summary>Ratings and reviews as event rules see them.</summary>
internal static class AlertEvents
{
    public static AlertEvent Of(ValidRating r) => new()
    {
        Kind = "rating", Time = r.Time, Site = r.Site, Channel = r.Channel, Touchpoint = r.Touchpoint, Scale = RatingScales.Code(r.Scale), Source = r.Source,
        Score = r.Score, Norm = r.Class.Norm, Negative = r.Class.Satisfaction == Satisfaction.Dissatisfied,
        Positive = r.Class.Satisfaction == Satisfaction.Satisfied || r.Class.Nps == NpsCategory.Promoter,
        Customer = r.Customer, Text = r.Comment, Id = r.Id,
    };

    public static AlertEvent Of(ValidReview r) => new()
    {
        Kind = "review", Time = r.Time, Site = r.Site, Stars = r.Stars, Negative = r.IsNegative, Positive = r.Stars >= 4,
        Text = string.Join(" ", new[] { r.Title, r.Text }.Where(t => !string.IsNullOrEmpty(t))), Id = $"{r.Platform}/{r.ExternalId}",
    };
}
