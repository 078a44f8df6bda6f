using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Tests.Feeds.Sources;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Feeds;

/// <summary>Yelp's <c>time_created</c> ("2026-11-20 16:22:08") is the business's local time: it
/// is read in the feed's site's time zone, or in the zone the feed names, and stored as the
/// instant it was. The recorded Yelp sample through a platform stand-in, the app and influxd.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ZonelessFeedTimes(InfluxdFixture influxd) : IAsyncLifetime
{
    private HttpStandIn _platform = null!;
    private string _db = "";

    public async Task InitializeAsync()
    {
        _platform = await HttpStandIn.StartAsync();
        _platform.Handler = _ => new ScriptedResponse(200, SampleFiles.Text("yelp-fusion.json"));
        _db = await influxd.CreateDatabaseAsync(nameof(ZonelessFeedTimes));
    }

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Theory]
    // The site "south" is in America/New_York: 16:22 EST is 21:22 UTC.
    [InlineData("south", null, "2026-11-20T21:22:08Z")]
    // The site "north" is in Europe/Berlin: 16:22 CET is 15:22 UTC.
    [InlineData("north", null, "2026-11-20T15:22:08Z")]
    // The feed's own zone wins over its site's: 16:22 PST is 00:22 UTC the next day.
    [InlineData("south", "America/Los_Angeles", "2026-11-21T00:22:08Z")]
    [InlineData("north", "UTC", "2026-11-20T16:22:08Z")]
    public async Task Zoneless_times_are_read_in_the_site_time_zone_or_the_feed_own(string site, string? zone, string expected)
    {
        var feed = $"yelp-{site}-{(zone ?? "site").Replace('/', '-').ToLowerInvariant()}";
        var settings = new Dictionary<string, string?>
        {
            [$"Feeds:Sources:{feed}:Preset"] = "yelp-fusion",
            [$"Feeds:Sources:{feed}:Url"] = new Uri(_platform.Url, "/v3/businesses/blue-door/reviews").ToString(),
            [$"Feeds:Sources:{feed}:Site"] = site,
            [$"Feeds:Sources:{feed}:Platform"] = feed,
            [$"Feeds:Sources:{feed}:TimeZone"] = zone,
            [$"Jobs:FeedPoll.{feed}:Enabled"] = "false",
        };
        await using var app = new IngestApp(influxd.Url, _db, extra: settings);

        var poll = await app.Services.GetRequiredService<FeedPoller>().PollAsync(feed, CancellationToken.None);

        Assert.Equal(3, poll.Intake.New);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), await StoredTimeAsync(app, feed, "xAG4O7l-t1ubbwVAlPnDKg"));
    }

    [Fact]
    public async Task An_unknown_time_zone_ends_the_start_naming_the_setting()
    {
        var state = Path.Combine(Path.GetTempPath(), "cxzone-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await CxmonitorProcess.RunAsync($"--State:Directory={state}", "--urls=http://127.0.0.1:0", "--Influx:CreateDatabases=false",
                "--Feeds:Sources:yelp:Preset=yelp-fusion", "--Feeds:Sources:yelp:Url=http://127.0.0.1:9/r", "--Feeds:Sources:yelp:Site=berlin",
                "--Feeds:Sources:yelp:TimeZone=Pacific/Atlantis");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Feeds:Sources:yelp:TimeZone: 'Pacific/Atlantis' is not a known IANA time zone id", result.Stderr);
        }
        finally
        {
            if (Directory.Exists(state))
                Directory.Delete(state, recursive: true);
        }
    }

    // The stored point's time, waited for: the spool writes it to influxd a moment later.
    private static async Task<DateTimeOffset?> StoredTimeAsync(IngestApp app, string platform, string externalId)
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = app.InfluxUrl });
        var query = InfluxQL.Format($"SELECT external_id FROM review WHERE platform = {platform} AND external_id = {externalId}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var series = await client.GetQueryApi().QuerySeriesAsync(query, app.Database);
            if (series.Count > 0 && series[0].Rows.Count > 0)
                return series[0].GetTime(0) is { } t ? new DateTimeOffset(t.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;
            await Task.Delay(100);
        }
        return null;
    }
}
