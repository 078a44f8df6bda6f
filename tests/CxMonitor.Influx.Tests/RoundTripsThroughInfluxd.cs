using CxMonitor.Influx.Query;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;

namespace CxMonitor.Influx.Tests;

[Collection(InfluxdCollection.Name)]
public class RoundTripsThroughInfluxd(InfluxdFixture influxd) : IAsyncLifetime
{
    private readonly InfluxDBClient _client = influxd.CreateClient();
    private string _db = string.Empty;

    public static TheoryData<string> TrickyText => new()
    {
        "with space",
        "with,comma",
        "with=equals",
        "all , = of them",
        @"back\slash",
        @"back\slash, then comma",
        @"double\\backslash",
        "\"quoted\"",
        "it's",
        "Київ, Хрещатик",
        "Москва = столица",
        "emoji 😀👍🏽",
        "tab\there",
    };

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(RoundTripsThroughInfluxd));

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(TrickyText))]
    public async Task Tricky_text_comes_back_unchanged_as_tag_and_field(string text)
    {
        var measurement = "m " + text;
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var point = PointData.Measurement(measurement).Tag("t", text).Tag("k " + text, "v").Field("s", text).Field("f " + text, 1.5).Timestamp(time);
        await _client.GetWriteApiAsync().WritePointsAsync([point], _db);

        var series = await _client.GetQueryApi().QuerySeriesAsync(
            InfluxQL.Format($"SELECT * FROM {InfluxQL.Id(measurement)} WHERE t = {text}"), _db);

        var s = Assert.Single(series);
        Assert.Equal(measurement, s.Name);
        Assert.Equal(text, s.GetString(0, "t"));
        Assert.Equal(text, s.GetString(0, "s"));
        Assert.Equal("v", s.GetString(0, "k " + text));
        Assert.Equal(1.5, s.GetDouble(0, "f " + text));
        Assert.Equal(time, s.GetTime(0)!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task String_fields_keep_newlines_quotes_and_backslashes()
    {
        const string text = "line one\nline \"two\" \\ end\\";
        await _client.GetWriteApiAsync().WritePointsAsync([PointData.Measurement("notes").Field("s", text).Timestamp(1000)], _db);
        var s = Assert.Single(await _client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT s FROM notes"), _db));
        Assert.Equal(text, s.GetString(0, "s"));
    }

    [Fact]
    public async Task Integers_floats_and_booleans_keep_their_types()
    {
        var point = PointData.Measurement("types").Field("i", long.MaxValue).Field("d", 1e21).Field("b", true).Timestamp(2000);
        await _client.GetWriteApiAsync().WritePointsAsync([point], _db);
        var s = Assert.Single(await _client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT i, d, b FROM types"), _db));
        Assert.Equal(long.MaxValue, s.GetLong(0, "i"));
        Assert.Equal(1e21, s.GetDouble(0, "d"));
        Assert.True(s.GetBool(0, "b"));
        var keys = await _client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SHOW FIELD KEYS FROM types"), _db);
        var types = Enumerable.Range(0, keys[0].Rows.Count).ToDictionary(r => keys[0].GetString(r, "fieldKey")!, r => keys[0].GetString(r, "fieldType"));
        Assert.Equal("integer", types["i"]);
        Assert.Equal("float", types["d"]);
        Assert.Equal("boolean", types["b"]);
    }

    [Fact]
    public async Task A_batch_with_one_bad_line_stores_the_rest_and_reports_the_error()
    {
        var api = _client.GetWriteApiAsync();
        await api.WritePointsAsync([PointData.Measurement("mixed").Field("v", 1L).Timestamp(1)], _db);
        var lines = string.Join('\n', "mixed v=2i 2", "mixed v=\"text\" 3", "mixed v=4i 4");

        var ex = await Assert.ThrowsAsync<InfluxPartialWriteException>(() => api.WriteRecordsAsync(lines, 3, _db));

        Assert.Contains("field type conflict", ex.Message);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        var s = Assert.Single(await _client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT v FROM mixed"), _db));
        Assert.Equal([1L, 2L, 4L], Enumerable.Range(0, s.Rows.Count).Select(r => s.GetLong(r, "v")!.Value));
    }

    [Fact]
    public async Task The_batching_writer_reports_a_partial_write_with_its_lines()
    {
        await using (var seed = _client.GetWriteApi(_db))
            await seed.WriteRecordAsync("conflict v=1i 1");
        var failures = new List<WriteFailure>();
        var writer = _client.GetWriteApi(_db, new WriteOptions { BatchSize = 10 });
        writer.WriteFailed += failures.Add;
        await writer.WriteRecordAsync("conflict v=2i 2");
        await writer.WriteRecordAsync("conflict v=\"x\" 3");
        await writer.DisposeAsync();

        var failure = Assert.Single(failures);
        Assert.IsType<InfluxPartialWriteException>(failure.Error);
        Assert.Equal(2, failure.Lines.Count);
        Assert.Equal(1, writer.Counters.PointsWritten);
        Assert.Equal(1, writer.Counters.PointsFailed);
    }

    [Fact]
    public async Task A_statement_error_is_surfaced()
    {
        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() =>
            _client.GetQueryApi().QueryAsync(new InfluxQuery("SELECT * FROM m"), "no_such_database"));
        Assert.Contains("database not found", ex.Message);
        Assert.Equal(0, ex.StatementId);
    }

    [Fact]
    public async Task A_parse_error_is_surfaced_with_the_query()
    {
        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() =>
            _client.GetQueryApi().QueryAsync(new InfluxQuery("SELEKT nothing"), _db));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("SELEKT nothing", ex.Message);
    }

    [Fact]
    public async Task Nanosecond_timestamps_keep_points_of_the_same_millisecond_apart()
    {
        var writer = _client.GetWriteApi(_db, new WriteOptions { Precision = WritePrecision.Ns });
        await writer.WritePointAsync(PointData.Measurement("ns").Field("v", 1L).Timestamp(5_000_000_001, WritePrecision.Ns));
        await writer.WritePointAsync(PointData.Measurement("ns").Field("v", 2L).Timestamp(5_000_000_002, WritePrecision.Ns));
        await writer.DisposeAsync();
        var s = Assert.Single(await _client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT count(v) AS n FROM ns"), _db));
        Assert.Equal(2L, s.GetLong(0, "n"));
    }

    [Fact]
    public async Task A_writer_refuses_points_of_another_precision()
    {
        await using var writer = _client.GetWriteApi(_db);
        Assert.Throws<LineProtocolException>(() => writer.WritePointAsync(PointData.Measurement("m").Field("v", 1L).Timestamp(1, WritePrecision.Ns)));
    }

    [Fact]
    public async Task Ping_reports_the_server_version()
    {
        var ping = await _client.PingAsync();
        Assert.True(ping.Ok);
        Assert.StartsWith("1.", ping.Version);
    }
}
