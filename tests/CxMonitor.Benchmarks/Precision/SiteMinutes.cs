using CxMonitor.Core.Metrics;
using CxMonitor.Core.Ratings;

namespace CxMonitor.Benchmarks.Precision;

/// <summary>Running totals of one site per simulated minute, kept as prefix sums so that any
/// window's totals are one subtraction: what InfluxDB's aggregations give the app.</summary>
internal sealed class SiteMinutes(int minutes)
{
    private const int Fields = 12;
    private readonly double[] _cumulative = new double[(minutes + 1) * Fields];
    private readonly double[] _current = new double[Fields];
    private int _filled; // minutes closed so far

    public void AddRating(RatingClassification c, bool csatLike)
    {
        _current[0]++;
        if (csatLike)
        {
            _current[1]++;
            if (c.Satisfaction == Satisfaction.Satisfied)
                _current[2]++;
        }
        if (c.Nps is { } nps)
        {
            _current[3]++;
            if (nps == NpsCategory.Promoter)
                _current[4]++;
            else if (nps == NpsCategory.Detractor)
                _current[5]++;
        }
        _current[6] += c.Norm;
        if (c.Satisfaction == Satisfaction.Dissatisfied)
            _current[7]++;
    }

    public void AddReview(int? stars, bool negative)
    {
        _current[8]++;
        if (negative)
            _current[9]++;
        if (stars is { } s)
        {
            _current[10]++;
            _current[11] += s;
        }
    }

    /// <summary>Closes minute <paramref name="index"/> (0-based since the start).</summary>
    public void Close(int index)
    {
        while (_filled <= index)
        {
            for (var f = 0; f < Fields; f++)
                _cumulative[(_filled + 1) * Fields + f] = _cumulative[_filled * Fields + f] + _current[f];
            Array.Clear(_current);
            _filled++;
        }
    }

    /// <summary>Totals of the closed minutes [from, to).</summary>
    public SatisfactionTotals Sum(int from, int to)
    {
        from = Math.Clamp(from, 0, _filled);
        to = Math.Clamp(to, from, _filled);
        double F(int f) => _cumulative[to * Fields + f] - _cumulative[from * Fields + f];
        return new SatisfactionTotals
        {
            Ratings = (long)F(0), CsatRatings = (long)F(1), CsatSatisfied = (long)F(2), NpsRatings = (long)F(3),
            Promoters = (long)F(4), Detractors = (long)F(5), NormSum = F(6), Dissatisfied = (long)F(7),
            Reviews = (long)F(8), NegativeReviews = (long)F(9), StarredReviews = (long)F(10), StarsSum = F(11),
        };
    }
}
