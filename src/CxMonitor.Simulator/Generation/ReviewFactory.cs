using CxMonitor.Simulator.Catalog;
using CxMonitor.Simulator.Text;

namespace CxMonitor.Simulator.Generation;

/// <summary>Makes one public review as Google or Trustpilot would show it.</summary>
public sealed class ReviewFactory(Random random, int seed, char stream)
{
    private static readonly WeightedChoice<string> _platforms = new([("google", 0.65), ("trustpilot", 0.35)]);
    private long _sequence;

    /// <param name="stars">Fixed stars for a scripted review; otherwise drawn around the site's mood.</param>
    /// <param name="reason">The cause a negative review is about; otherwise drawn from the in-store mix.</param>
    public Review Create(DemoSite site, DateTimeOffset time, int? stars = null, string? reason = null)
    {
        var platform = _platforms.Pick(random);
        var rating = stars ?? ScaleMath.Stars(site.BaseSatisfaction + 0.32 * random.NextNormal());
        var sentiment = rating <= 2 ? Sentiment.Negative : rating == 3 ? Sentiment.Neutral : Sentiment.Positive;
        if (sentiment == Sentiment.Negative)
            reason ??= ReasonCodes.For("in-store", "checkout").Pick(random);
        var language = site.Languages.Pick(random);
        var bank = CommentBank.For(language);

        // Public reviews are about the place, so they read like in-store comments.
        var text = bank.Comment(random, sentiment, reason, "in-store");
        // Reviews run longer than a terminal comment: often a second sentence.
        if (random.NextDouble() < 0.5)
        {
            var more = bank.Comment(random, sentiment, null, "in-store");
            if (more != text)
                text += " " + more;
        }

        var externalId = SimIds.Token(seed, stream, _sequence++);
        var url = platform == "google"
            ? $"https://www.google.com/maps/reviews/{externalId}"
            : $"https://www.trustpilot.com/reviews/{externalId}";
        return new Review(platform, externalId, time, rating, bank.Title(random, sentiment), text,
            random.PickOne(bank.Authors), url, site.Id, language);
    }
}
