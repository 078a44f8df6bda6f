namespace CxMonitor.Web.Live;

/// <summary>One scope's figures over one window as the browser shows them. Null figures mean
/// "not enough data" (fewer ratings than the minimum), never zero. <see cref="SignificantChange"/>
/// is the CSAT change's star: significant after the false-discovery-rate correction and at least
/// the minimum effect.</summary>
public sealed record LiveSnapshot(
    string Scope,
    string Window,
    string State,
    long N,
    double? Csat,
    double? CsatLow,
    double? CsatHigh,
    double? Nps,
    double? NpsMargin,
    double? MeanNorm,
    double? CesMean,
    double? StarsMean,
    double? SentimentMean,
    long Reviews,
    long Negatives,
    double? BaselineCsat,
    double? CsatChange,
    double? CsatPValue,
    bool SignificantChange,
    DateTimeOffset ComputedAt)
{
    /// <summary>The n CSAT is computed on (CSAT-like ratings); <see cref="N"/> is the volume.</summary>
    public long CsatN { get; init; }

    /// <summary>The n NPS is computed on (nps11 ratings).</summary>
    public long NpsN { get; init; }

    /// <summary>NPS 95 % adjusted-Wald interval.</summary>
    public double? NpsLow { get; init; }

    public double? NpsHigh { get; init; }

    public double? BaselineNps { get; init; }

    public double? NpsChange { get; init; }

    public double? NpsPValue { get; init; }

    /// <summary>The n of the baseline's CSAT and NPS, so a screen can say what a change stands on.</summary>
    public long BaselineCsatN { get; init; }

    public long BaselineNpsN { get; init; }

    /// <summary>The NPS change earns a star (as <see cref="SignificantChange"/> does for CSAT).</summary>
    public bool NpsStarred { get; init; }
}

/// <summary>Every server message carries a sequence number (per process, increasing) and the
/// server time, so a client can order messages and tell when it has gone stale.</summary>
public sealed record SnapshotUpdate(long Seq, DateTimeOffset Time, bool Full, IReadOnlyList<LiveSnapshot> Snapshots);

/// <summary>A recent rating as the wall ticker shows it (no customer id).</summary>
public sealed record LiveRating(DateTimeOffset Time, string Site, string Scale, int Score, double Norm, string Satisfaction, string? Touchpoint, string? Channel, string? Comment, string? Language);

/// <summary>Ratings accepted for a scope since the last message: a count and the latest few,
/// coalesced so a burst does not flood a screen.</summary>
public sealed record RatingActivity(long Seq, DateTimeOffset Time, string Scope, int Count, int Negatives, IReadOnlyList<LiveRating> Latest);

/// <summary>A negative review as the wall ticker shows it: two stars or fewer, or strongly
/// negative text. The text is cut to a ticker's length.</summary>
public sealed record LiveReview(DateTimeOffset Time, string Site, string Platform, int? Stars, string? Title, string? Text, string? Language, string? Url, double? Sentiment, IReadOnlyList<string> Topics);

/// <summary>Negative reviews accepted for a scope since the last message, coalesced like ratings.</summary>
public sealed record ReviewActivity(long Seq, DateTimeOffset Time, string Scope, int Count, IReadOnlyList<LiveReview> Latest);

/// <summary>Sent to every client after every job run, whether or not a figure changed.</summary>
public sealed record LiveHeartbeat(long Seq, DateTimeOffset Time, DateTimeOffset ComputedAt);

/// <summary>The answer to a subscription: the server's build (a client reloads itself when it
/// changes after a deployment) and what it now receives.</summary>
public sealed record LiveWelcome(long Seq, DateTimeOffset Time, string Build, IReadOnlyList<string> Scopes);
