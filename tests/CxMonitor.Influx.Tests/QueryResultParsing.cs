using CxMonitor.Influx.Query;

namespace CxMonitor.Influx.Tests;

public class QueryResultParsing
{
    [Fact]
    public void Series_tags_columns_and_rows_are_typed()
    {
        const string body = """{"results":[{"statement_id":0,"series":[{"name":"rating","tags":{"site":"b"},"columns":["time","n","mean"],"values":[[1000,3,null]]}]}]}""";
        var s = Assert.Single(Assert.Single(QueryApi.Parse(body, "q")).Series);
        Assert.Equal("rating", s.Name);
        Assert.Equal("b", s.Tag("site"));
        Assert.Equal(3L, s.GetLong(0, "n"));
        Assert.Null(s.GetDouble(0, "mean"));
        Assert.Null(s.GetDouble(0, "missing"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), s.GetTime(0));
    }

    [Fact]
    public void An_empty_result_has_no_series()
    {
        var result = Assert.Single(QueryApi.Parse("""{"results":[{"statement_id":0}]}""", "q"));
        Assert.Empty(result.Series);
    }

    [Fact]
    public void A_statement_error_is_thrown_with_its_message()
    {
        var ex = Assert.Throws<InfluxQueryException>(() => QueryApi.Parse("""{"results":[{"statement_id":0,"error":"database not found: x"}]}""", "SELECT 1"));
        Assert.Contains("database not found: x", ex.Message);
        Assert.Equal(0, ex.StatementId);
    }
}
