using System.Net;
using System.Net.Http.Headers;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Tests.Feeds.Sources;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Feeds;

/// <summary>Feeds and imports in other encodings than UTF-8 are read as what they say, or as
/// what their bytes are, or refused naming the problem; never stored as mojibake. Recorded
/// samples in Windows-1251 and UTF-16 without a byte-order mark, the real app and influxd.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class SourceEncodings(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string UkrainianText = "Кур'єр так і не приїхав. Жахливий сервіс, більше ніколи.";
    private const string RussianComment = "Ждали заказ 40 минут, кофе остыл. Обновлено: администратор извинился, но осадок остался.";
    private IngestApp _app = null!;
    private HttpStandIn _platform = null!;

    public async Task InitializeAsync()
    {
        _platform = await HttpStandIn.StartAsync();
        var feed = new Dictionary<string, string?>
        {
            ["Feeds:Sources:gbp-1251:Preset"] = "google-business",
            ["Feeds:Sources:gbp-1251:Url"] = new Uri(_platform.Url, "/v4/reviews").ToString(),
            ["Feeds:Sources:gbp-1251:Site"] = "north",
            ["Feeds:Sources:gbp-1251:Platform"] = "gbp-1251",
            ["Jobs:FeedPoll.gbp-1251:Enabled"] = "false",
        };
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(SourceEncodings)), extra: feed, port: FreePort.Next());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ImportAsync(string sample, string query, string contentType = "text/csv")
    {
        var client = await _app.ClientWithKeyAsync();
        var content = new ByteArrayContent(File.ReadAllBytes(SampleFiles.PathOf(sample)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync("/api/v1/reviews/import?" + query, content);
    }

    [Theory]
    [InlineData("mapping=reviews-csv&platform=cp1251-detected", "text/csv")]
    [InlineData("mapping=reviews-csv&platform=cp1251-named&encoding=windows-1251", "text/csv")]
    [InlineData("mapping=reviews-csv&platform=cp1251-declared", "text/csv; charset=windows-1251")]
    public async Task A_windows_1251_csv_is_stored_as_the_text_it_is(string query, string contentType)
    {
        var response = await ImportAsync("reviews-windows-1251.csv", query, contentType);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.JsonAsync()).GetProperty("new").GetInt32());
        Assert.Equal(UkrainianText, await StoredTextAsync(query.Split("platform=")[1].Split('&')[0], "cp1251-1"));
    }

    [Fact]
    public async Task A_utf16_csv_without_a_byte_order_mark_is_read_as_utf16()
    {
        var response = await ImportAsync("google-play-utf16-no-bom.csv", "mapping=google-play-csv&site=north&platform=play-no-bom");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, body.GetProperty("rejectedCount").GetInt32());
        Assert.True(body.GetProperty("new").GetInt32() >= 4, body.ToString());
    }

    [Fact]
    public async Task An_encoding_the_server_does_not_know_is_refused_by_name()
    {
        var response = await ImportAsync("reviews-windows-1251.csv", "mapping=reviews-csv&platform=cp-unknown&encoding=klingon-8");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'klingon-8' is not an encoding this server knows", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Utf8_that_turns_into_windows_1251_after_its_first_64_kb_is_refused_naming_the_encoding()
    {
        var ascii = new System.Text.StringBuilder("externalId,time,stars,title,text,author,url,language,site\r\n");
        for (var i = 0; ascii.Length < 70_000; i++)
            ascii.Append($"late-{i},2026-11-22T10:15:00Z,4,,Fine coffee,Ann,,en,north\r\n");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var tail = System.Text.Encoding.GetEncoding(1251, System.Text.EncoderFallback.ExceptionFallback, System.Text.DecoderFallback.ExceptionFallback);
        var bytes = System.Text.Encoding.ASCII.GetBytes(ascii.ToString()).Concat(tail.GetBytes("late-x,2026-11-22T10:15:00Z,1,,Жахливо,Олена,,uk,north\r\n")).ToArray();
        var client = await _app.ClientWithKeyAsync();

        var response = await client.PostAsync("/api/v1/reviews/import?mapping=reviews-csv&platform=late-1251", new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8 further on", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_cli_passes_encoding_on_and_shows_a_refusal()
    {
        await _app.ClientWithKeyAsync();
        Environment.SetEnvironmentVariable("CXMONITOR_API_KEY", _app.LastKey);
        try
        {
            var file = SampleFiles.PathOf("reviews-windows-1251.csv");
            var named = await CliRunner.RunRawAsync("reviews", "import", file, "--mapping", "reviews-csv", "--platform", "cli-1251", "--encoding", "windows-1251", "--url", _app.BaseAddress.ToString());
            var unknown = await CliRunner.RunRawAsync("reviews", "import", file, "--mapping", "reviews-csv", "--platform", "cli-1251", "--encoding", "klingon-8", "--url", _app.BaseAddress.ToString());

            Assert.Equal(0, named.ExitCode);
            Assert.Contains("3 new", named.Stdout);
            Assert.Equal(UkrainianText, await StoredTextAsync("cli-1251", "cp1251-1"));
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("400: the 'encoding' parameter (--encoding): 'klingon-8' is not an encoding this server knows", unknown.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CXMONITOR_API_KEY", null);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=windows-1251")]
    public async Task A_json_feed_in_windows_1251_is_read_as_the_text_it_is(string contentType)
    {
        _platform.Handler = _ => new ScriptedResponse(200) { RawBody = File.ReadAllBytes(SampleFiles.PathOf("google-business-windows-1251.json")) } with
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = contentType },
        };

        var poll = await _app.Services.GetRequiredService<FeedPoller>().PollAsync("gbp-1251", CancellationToken.None);

        Assert.True(poll.Intake.New >= 3, poll.Outcome);
        Assert.Equal(RussianComment, await StoredTextAsync("gbp-1251", "ChdDSUhNMG9nS0VJQ0FnSUR6bk5QX1lREAE"));
    }

    private async Task<string?> StoredTextAsync(string platform, string externalId)
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _app.InfluxUrl });
        var query = InfluxQL.Format($"SELECT last(text) AS text FROM review WHERE platform = {platform} AND external_id = {externalId}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var series = await client.GetQueryApi().QuerySeriesAsync(query, _app.Database);
            if (series.Count > 0 && series[0].Rows.Count > 0)
                return series[0].GetString(0, "text");
            await Task.Delay(100);
        }
        return null;
    }
}
