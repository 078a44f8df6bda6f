using System.Text;
using CxMonitor.Core.Ratings;
using CxMonitor.Influx.Write;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The fast writer of the ingest path (<see cref="RatingLines"/>) writes byte for byte
/// the line that <see cref="RatingPoints"/> defines, hashes the series as the ledger does, and
/// the id journal reads back from those bytes what the ledger remembered.</summary>
public sealed class RatingLineBytes
{
    private static ValidRating Rating(
        RatingScale scale = RatingScale.Csat5, int score = 4, string site = "berlin-alexanderplatz", string? channel = "in-store",
        string? touchpoint = "checkout", string source = "terminals", string? team = null, string? customer = null,
        string[]? reasons = null, string? comment = null, string? language = null, string id = "t7-000123", RatingClassification? @class = null) =>
        new(id, DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123), scale, score, @class ?? RatingScales.Classify(scale, score),
            site, channel, touchpoint, source, team, customer, reasons ?? [], comment, language);

    public static TheoryData<string, ValidRating> Ratings()
    {
        var data = new TheoryData<string, ValidRating>
        {
            { "plain", Rating() },
            { "every optional field", Rating(team: "night", customer: "c-42", reasons: ["wait-time", "staff"], comment: "Only one till open", language: "en") },
            { "no channel or touchpoint", Rating(channel: null, touchpoint: null) },
            { "tag values to escape", Rating(site: "new york, 5th=ave", touchpoint: "after sales") },
            { "text to escape", Rating(comment: "She said \"no\" \\ twice,\nthen left = gone", customer: "a\"b", id: "id\\with\"quotes") },
            { "non-ASCII tags and text", Rating(site: "київ-хрещатик", team: "ночь", comment: "Всё было отлично 👍", id: "ід-1") },
            { "a classification of its own", Rating(@class: new RatingClassification(12.5, Satisfaction.Neutral, null, true)) },
        };
        foreach (var scale in RatingScales.All)
        {
            var (min, max) = RatingScales.Range(scale);
            for (var score = min; score <= max; score++)
                data.Add($"{RatingScales.Code(scale)} {score}", Rating(scale, score));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ratings))]
    public void The_ingest_writer_writes_the_line_RatingPoints_defines(string because, ValidRating rating)
    {
        var expected = new StringBuilder();
        RatingPoints.Append(expected, RatingPoints.SeriesKey(rating), rating, 1_764_000_000_123_456_789);
        using var lines = new RatingLines();

        lines.Append(rating, 1_764_000_000_123_456_789);

        Assert.True(expected.ToString() == Encoding.UTF8.GetString(lines.Written.Span), because);
    }

    [Theory]
    [MemberData(nameof(Ratings))]
    public void The_series_hash_is_the_ledgers_hash_of_the_series_key(string because, ValidRating rating)
    {
        using var lines = new RatingLines();
        lines.Append(Rating(), 1); // a line already written must not change the answer

        Assert.True(StableHash.Of(RatingPoints.SeriesKey(rating)) == lines.SeriesHash(rating), because);
        Assert.Equal(1, lines.Count);
    }

    [Fact]
    public void Lines_are_separated_by_one_line_break_and_Clear_starts_over()
    {
        using var lines = new RatingLines(1);
        for (var i = 0; i < 500; i++)
            lines.Append(Rating(id: $"r{i}", comment: new string('x', i)), i); // grows past its first buffer

        var text = Encoding.UTF8.GetString(lines.Written.Span);
        Assert.Equal(500, text.Split('\n').Length);
        Assert.Equal(500, lines.Count);
        lines.Clear();
        Assert.Equal(0, lines.Written.Length);
    }

    [Fact]
    public void A_tag_value_that_line_protocol_cannot_carry_is_refused_as_before()
    {
        using var lines = new RatingLines();

        Assert.Throws<LineProtocolException>(() => lines.Append(Rating(touchpoint: "ends with \\"), 1));
        Assert.Throws<LineProtocolException>(() => lines.Append(Rating(team: ""), 1));
    }

    [Theory]
    [MemberData(nameof(Ratings))]
    public void The_id_journal_reads_back_the_id_and_point_the_ledger_gave(string because, ValidRating rating)
    {
        using var lines = new RatingLines();
        lines.Append(Rating(id: "before"), 5);
        lines.Append(rating, 1_764_000_000_123_456_789);
        var entries = new List<LedgerEntry>();

        RatingLineReader.Read(lines.Written.Span, entries);

        Assert.Equal(2, entries.Count);
        var read = entries[1];
        Assert.True(StableHash.Of(rating.Source, rating.Id) == read.IdHash, because);
        Assert.Equal(StableHash.Slot(StableHash.Of(RatingPoints.SeriesKey(rating)), 1_764_000_000_123_456_789), read.Slot);
        Assert.Equal(1_764_000_000_123_456_789, read.TimestampNs);
    }
}
