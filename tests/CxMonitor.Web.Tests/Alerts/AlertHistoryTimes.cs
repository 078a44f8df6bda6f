using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>Issue 13 items 9 and 12: history says when people acted, a new moment after
/// resolution is a new alert, and late items page nobody.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class AlertHistoryTimes(InfluxdFixture influxd) : IAsyncLifetime
{
    private string _db = "";
    private readonly string _rules = AlertsApp.RuleFolder();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(AlertHistoryTimes));

    public Task DisposeAsync()
    {
        Directory.Delete(_rules, recursive: true);
        return Task.CompletedTask;
    }

    private static string Poisoning(string id, string site, string comment, DateTimeOffset? time = null) =>
        $$"""{"id":"{{id}}","scale":"csat5","score":1,"site":"{{site}}","comment":"{{comment}}"{{(time is { } t ? $",\"time\":\"{t:O}\"" : "")}}}""";

    [Fact]
    public async Task Acknowledge_and_resolve_carry_the_moment_a_person_acted_and_a_new_complaint_opens_a_new_alert()
    {
        await using var app = new IngestApp(influxd.Url, _db, extra: AlertsApp.Settings(_rules), clock: _clock);
        var client = await app.ClientWithKeyAsync();
        var duty = await PeopleSignIn.AsAsync(app.Factory, UserRoles.Duty, "olena");
        var t0 = _clock.GetUtcNow();
        await AlertsApp.PostAsync(client, Poisoning("h1", "north", "food poisoning after the soup"));
        var first = await WaitForOpenAsync(client, _ => true);

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.NoContent, (await duty.PostAsync($"/api/v1/alerts/{first}/acknowledge", null)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NoContent, (await duty.PostAsJsonAsync($"/api/v1/alerts/{first}/resolve", new { note = "kitchen checked" })).StatusCode);

        var history = (await duty.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{first}")).GetProperty("history").EnumerateArray()
            .ToDictionary(h => h.GetProperty("action").GetString()!, h => h.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(t0 + TimeSpan.FromSeconds(3), history["acknowledged"], TimeSpan.FromMilliseconds(1));
        Assert.Equal(t0 + TimeSpan.FromSeconds(123), history["resolved"], TimeSpan.FromMilliseconds(1));

        // Five minutes after the resolution (inside what used to be the flap window): a new complaint.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await AlertsApp.PostAsync(client, Poisoning("h2", "north", "food poisoning from the salad"));
        var second = await WaitForOpenAsync(client, a => a.GetProperty("id").GetInt64() != first);

        var detail = (await duty.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{second}")).GetProperty("alert");
        Assert.Equal(t0 + TimeSpan.FromSeconds(423), detail.GetProperty("firedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("food poisoning from the salad", detail.GetProperty("description").GetString());
        Assert.Equal("Resolved", (await duty.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{first}")).GetProperty("alert").GetProperty("state").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task A_complaint_that_arrives_hours_late_is_counted_but_pages_nobody()
    {
        await using var app = new IngestApp(influxd.Url, _db, extra: AlertsApp.Settings(_rules), clock: _clock);
        var client = await app.ClientWithKeyAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await AlertsApp.PostAsync(client, Poisoning("late-1", "north", "food poisoning", _clock.GetUtcNow().AddHours(-2)))).StatusCode);
        await AlertsApp.PostAsync(client, Poisoning("fresh-1", "south", "food poisoning"));
        // Items are evaluated in order: once the fresh one has opened its alert, the late one has had its turn.
        await WaitForOpenAsync(client, a => a.GetProperty("scope").GetString() == "site:south");

        var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("scope").GetString() == "site:north");
        Assert.Equal(2, await app.WaitForCountAsync("rating", 2, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_silence_that_comes_back_reads_how_long_it_is_silent_now_not_at_its_first_firing()
    {
        var folder = AlertsApp.RuleFolder("""
            rules:
              - name: quiet
                kind: silence
                silent_for: 10m
                sites: [south]
                summary: "No ratings from {{site}} for {{value}}"
            """);
        try
        {
            // Monday 12:00 UTC: south (New York) is open around the clock on Mondays.
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
            var settings = AlertsApp.Settings(folder);
            settings["Jobs:AlertTick:Enabled"] = "false";
            await using var app = new IngestApp(influxd.Url, _db, extra: settings, clock: clock);
            var client = await app.ClientWithKeyAsync();
            var alerts = app.Services.GetRequiredService<CxMonitor.Web.Alerts.AlertService>();

            await alerts.TickAsync(default);                 // listening starts
            clock.Advance(TimeSpan.FromMinutes(10));
            await alerts.TickAsync(default);                 // fires: 10 min
            var id = await WaitForOpenAsync(client, _ => true);
            await AlertsApp.PostAsync(client, $$"""{"id":"q1","scale":"csat5","score":5,"site":"south"}""");
            await WaitUntilAsync(async () => { await alerts.TickAsync(default); return !alerts.OpenAlerts.Any(); });
            clock.Advance(TimeSpan.FromMinutes(14));
            await alerts.TickAsync(default);                 // back within the flap window: 14 min

            var alert = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}")).GetProperty("alert");
            Assert.Equal("Firing", alert.GetProperty("state").GetString(), ignoreCase: true);
            Assert.Equal("No ratings from South Store for 14 min", alert.GetProperty("summary").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException("the condition never held");
    }

    private static async Task<long> WaitForOpenAsync(HttpClient client, Func<JsonElement, bool> which)
    {
        for (var i = 0; i < 300; i++)
        {
            var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
            if (open.EnumerateArray().FirstOrDefault(which) is { ValueKind: JsonValueKind.Object } found)
                return found.GetProperty("id").GetInt64();
            await Task.Delay(100);
        }
        throw new TimeoutException("no such alert opened");
    }
}
