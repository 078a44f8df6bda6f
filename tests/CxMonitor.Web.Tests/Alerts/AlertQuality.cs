using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;

namespace CxMonitor.Web.Tests.Alerts;

[Collection(InfluxdCollection.Name)]
public sealed class AlertQuality(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string TwoRules = """
        rules:
          - name: poisoning
            kind: event
            severity: warning
            keywords: ["food poisoning"]
            route: duty
          - name: any-one-star
            kind: event
            severity: warning
            max_norm: 0
            route: duty
        """;

    private readonly string _rules = AlertsApp.RuleFolder(TwoRules);
    private string _db = "";

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(AlertQuality));

    public Task DisposeAsync()
    {
        Directory.Delete(_rules, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_alerts_at_one_site_within_the_grouping_window_arrive_as_one_message()
    {
        await using var receiver = new WebhookReceiver();
        var settings = AlertsApp.Settings(_rules, receiver.Url);
        settings["Notify:GroupingWindow"] = "00:00:02";
        await using var app = new IngestApp(influxd.Url, _db, extra: settings);

        // One rating matches both rules: two alerts, two warning notices, one site.
        await AlertsApp.PostAsync(await app.ClientWithKeyAsync(), AlertsApp.PoisoningRating("both"));
        var message = await receiver.WaitForAcceptedAsync(TimeSpan.FromSeconds(30));
        // A notice left out of the group would wait out its own window (2 s) and a dispatcher round:
        // it is owed while its row is pending, so wait for none rather than a fixed 2.5 s.
        await AlertsApp.WaitForNoPendingNoticesAsync(app.Services);

        Assert.Single(receiver.Accepted);
        var notices = JsonDocument.Parse(message.Body).RootElement.GetProperty("notices");
        Assert.Equal(["any-one-star", "poisoning"], notices.EnumerateArray().Select(n => n.GetProperty("ruleName").GetString()).Order());
    }

    [Fact]
    public async Task Two_matching_ratings_in_one_request_make_one_alert_with_both_triggers()
    {
        await using var app = new IngestApp(influxd.Url, _db, extra: AlertsApp.Settings(_rules));
        var both = $"[{AlertsApp.PoisoningRating("p1")},{AlertsApp.PoisoningRating("p2")}]";

        await AlertsApp.PostAsync(await app.ClientWithKeyAsync(), both);
        var duty = await PeopleSignIn.AsAsync(app.Factory, UserRoles.Duty);
        JsonElement detail = default;
        for (var i = 0; i < 100; i++)
        {
            var open = await duty.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
            if (open.EnumerateArray().FirstOrDefault(a => a.GetProperty("rule").GetString() == "poisoning") is { ValueKind: JsonValueKind.Object } alert)
            {
                detail = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alert.GetProperty("id").GetInt64()}");
                if (detail.GetProperty("triggers").GetArrayLength() >= 2)
                    break;
            }
            await Task.Delay(100);
        }

        Assert.Equal(2, detail.GetProperty("triggers").GetArrayLength());
        var all = await duty.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        Assert.Equal(2, all.GetArrayLength()); // poisoning and any-one-star, one each
    }

    [Fact]
    public async Task Responders_mark_alerts_useful_or_noise_and_the_stats_count_them_per_rule()
    {
        await using var app = new IngestApp(influxd.Url, _db, extra: AlertsApp.Settings(_rules));
        await AlertsApp.PostAsync(await app.ClientWithKeyAsync(), AlertsApp.PoisoningRating("q1"));
        var duty = await PeopleSignIn.AsAsync(app.Factory, UserRoles.Duty);
        JsonElement open = default;
        for (var i = 0; i < 100 && (open.ValueKind != JsonValueKind.Array || open.GetArrayLength() < 2); i++)
        {
            open = await duty.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
            await Task.Delay(100);
        }
        var ids = open.EnumerateArray().ToDictionary(a => a.GetProperty("rule").GetString()!, a => a.GetProperty("id").GetInt64());

        await duty.PostAsync($"/api/v1/alerts/{ids["poisoning"]}/acknowledge", null);
        await duty.PostAsJsonAsync($"/api/v1/alerts/{ids["poisoning"]}/feedback", new { verdict = "useful" });
        await duty.PostAsJsonAsync($"/api/v1/alerts/{ids["any-one-star"]}/feedback", new { verdict = "noise" });
        var bad = await duty.PostAsJsonAsync($"/api/v1/alerts/{ids["any-one-star"]}/feedback", new { verdict = "meh" });
        var stats = (await duty.GetFromJsonAsync<JsonElement>("/api/v1/alerts/stats")).EnumerateArray().ToDictionary(s => s.GetProperty("rule").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal((1, 1, 1, 0), (stats["poisoning"].GetProperty("fired").GetInt32(), stats["poisoning"].GetProperty("acknowledged").GetInt32(),
            stats["poisoning"].GetProperty("useful").GetInt32(), stats["poisoning"].GetProperty("noise").GetInt32()));
        Assert.Equal(1.0, stats["any-one-star"].GetProperty("noiseShare").GetDouble());
        Assert.Equal(0, stats["any-one-star"].GetProperty("acknowledged").GetInt32());
    }

    [Fact]
    public async Task Executives_and_keys_may_read_alerts_but_not_work_them()
    {
        await using var app = new IngestApp(influxd.Url, _db, extra: AlertsApp.Settings(_rules));
        var key = await app.ClientWithKeyAsync();
        var executive = await PeopleSignIn.AsAsync(app.Factory, UserRoles.Executive);

        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.PostAsync("/api/v1/alerts/1/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsync("/api/v1/alerts/1/acknowledge", null)).StatusCode);
    }
}
