namespace CxMonitor.Web.Access.Reach;

/// <summary>Endpoint metadata: this endpoint answers a one-site key or a screen with facts of
/// every site on purpose (the site catalog, board settings, job and ingest status), never
/// with ratings, reviews, figures or alerts. The authorization test built from the endpoint
/// list lets only endpoints marked so show another site.</summary>
public sealed record ReadsEverySite(string Why);

public static class ReadsEverySiteExtensions
{
    public static TBuilder ReadsEverySite<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsEverySite(why));
}
