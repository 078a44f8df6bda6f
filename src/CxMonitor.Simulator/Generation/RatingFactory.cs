using CxMonitor.Simulator.Catalog;
using CxMonitor.Simulator.Text;

namespace CxMonitor.Simulator.Generation;

/// <summary>Makes one plausible rating; all chance comes from the random it is given.</summary>
public sealed class RatingFactory(Random random, IdSequence ids, CustomerPool customers)
{
    public Rating Create(DemoSite site, RatingStream stream, DateTimeOffset time, SiteCondition condition)
    {
        var touchpoint = stream.Touchpoints.Pick(random);
        var scale = stream.Scales.Pick(random);
        var customer = stream.CustomerShare > 0 && random.NextDouble() < stream.CustomerShare
            ? customers.Pick(random, site.Id)
            : null;
        var latent = site.BaseSatisfaction + stream.MoodShift + condition.MoodShift
            + (customer?.Bias ?? 0) + 0.2 * random.NextNormal();
        var score = ScaleMath.Score(scale, latent);
        var sentiment = ScaleMath.SentimentOf(scale, score);

        // Reason pickers are only offered after a bad answer, and not everyone ticks one.
        string[]? reasons = null;
        if (sentiment == Sentiment.Negative && random.NextDouble() < 0.75)
            reasons = PickReasons(condition.Reasons ?? ReasonCodes.For(stream.Channel, touchpoint));

        string? comment = null, language = null;
        if (random.NextDouble() < CommentChance(sentiment) * stream.CommentShare * condition.CommentBoost)
        {
            language = site.Languages.Pick(random);
            comment = CommentBank.For(language).Comment(random, sentiment, reasons?[0], CommentBank.ContextOf(stream.Channel, touchpoint));
        }

        // App and social ratings are not attributed to a team by the channel that collects them.
        var team = stream.Source == "api" ? null : RatingStreams.TeamFor(stream.Channel, touchpoint);
        return new Rating(ids.Next(), time, scale, score, site.Id, stream.Channel, touchpoint, stream.Source,
            team, customer?.Id, reasons, comment, language);
    }

    // People write when something went wrong, sometimes when delighted, rarely when it was just fine.
    private static double CommentChance(Sentiment sentiment) => sentiment switch
    {
        Sentiment.Negative => 0.4,
        Sentiment.Positive => 0.12,
        _ => 0.06,
    };

    private string[] PickReasons(WeightedChoice<string> choice)
    {
        var first = choice.Pick(random);
        if (random.NextDouble() >= 0.3)
            return [first];
        var second = choice.Pick(random);
        return second == first ? [first] : [first, second];
    }
}
