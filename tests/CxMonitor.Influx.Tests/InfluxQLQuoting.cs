using CxMonitor.Influx.Query;

namespace CxMonitor.Influx.Tests;

public class InfluxQLQuoting
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("two\nlines", @"'two\nlines'")]
    [InlineData("'; DROP DATABASE x; --", @"'\'; DROP DATABASE x; --'")]
    public void Strings_become_single_quoted_literals(string value, string literal)
    {
        Assert.Equal(literal, InfluxQL.QuoteString(value));
    }

    [Theory]
    [InlineData("rating", "\"rating\"")]
    [InlineData("my \"odd\" name", "\"my \\\"odd\\\" name\"")]
    public void Identifiers_become_double_quoted(string name, string quoted)
    {
        Assert.Equal(quoted, InfluxQL.QuoteIdentifier(name));
    }

    [Fact]
    public void Format_quotes_every_interpolated_value_by_its_type()
    {
        var site = "o'hare";
        var from = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var q = InfluxQL.Format($"SELECT count({InfluxQL.Id("sat")}) FROM {InfluxQL.Id("rating")} WHERE site = {site} AND time >= {from} AND time < now() - {TimeSpan.FromMinutes(15)} AND score > {2.5} GROUP BY time({TimeSpan.FromHours(1)})");
        Assert.Equal(
            "SELECT count(\"sat\") FROM \"rating\" WHERE site = 'o\\'hare' AND time >= '2026-01-02T03:04:05.000Z' AND time < now() - 15m AND score > 2.5 GROUP BY time(1h)",
            q.Text);
    }

    [Fact]
    public void Format_refuses_types_it_cannot_quote_safely()
    {
        Assert.Throws<ArgumentException>(() => InfluxQL.Format($"SELECT * FROM m WHERE x = {new object()}"));
    }

    [Theory]
    [InlineData(90_000, "90s")]
    [InlineData(86_400_000, "1d")]
    [InlineData(1_500, "1500ms")]
    public void Durations_use_the_largest_exact_unit(long ms, string expected)
    {
        Assert.Equal(expected, InfluxQL.Duration(TimeSpan.FromMilliseconds(ms)));
    }

    [Fact]
    public void RegexOf_matches_exactly_the_listed_values()
    {
        Assert.Equal(@"/^(?:a\.b|c)$/", InfluxQL.RegexOf(["a.b", "c"]));
    }
}
