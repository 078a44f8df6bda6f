using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.Alerts;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Burst and review-spike rules count every node's accepted items, shared through Redis
/// with the minute totals (decision 0027): with round-robin nginx, negatives spread over two
/// nodes still make a burst, fired once, with one notice, whichever node counts the Nth.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BurstsAcrossNodes(ClusterFixture cluster)
{
    private const string Rules = """
        rules:
          - name: negative-burst
            kind: burst
            severity: critical
            group_by: site
            at_least: 5
            within: 15m
            route: duty
          - name: bad-reviews
            kind: review_spike
            severity: critical
            group_by: site
            at_least: 4
            within: 1h
            route: duty
        """;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Three_negatives_on_each_of_two_nodes_fire_one_burst_with_one_notice_and_two_reviews_each_one_spike()
    {
        var rules = AlertsApp.RuleFolder(Rules);
        var state = await cluster.Postgres.CreateDatabaseAsync("bursts");
        await using var receiver = new WebhookReceiver();
        var settings = cluster.NodeSettings(state).ToDictionary(p => p.Key.Replace("__", ":"), p => (string?)p.Value);
        foreach (var (key, value) in AlertsApp.Settings(rules, receiver.Url))
            settings[key] = value;
        settings["Jobs:AlertTick:Enabled"] = "false";
        var influx = "bursts_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var toA = await a.ClientWithKeyAsync();
        var toB = await b.ClientWithKeyAsync();

        // Both nodes at once, so both are likely to count five (and race to open the alert).
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            PostAsync(toA, "/api/v1/ratings", Negative($"a{i}")),
            PostAsync(toB, "/api/v1/ratings", Negative($"b{i}")),
        }));
        await receiver.WaitForAcceptedAsync(Wait, r => Notices(r).Any(n => n is ("firing", "negative-burst")));

        // Two negative reviews on each node: a spike of four.
        var now = DateTimeOffset.UtcNow.ToString("O");
        await Task.WhenAll(Enumerable.Range(0, 2).SelectMany(i => new[]
        {
            PostAsync(toA, "/api/v1/reviews", Review($"ra{i}", now)),
            PostAsync(toB, "/api/v1/reviews", Review($"rb{i}", now)),
        }));
        await receiver.WaitForAcceptedAsync(Wait, r => Notices(r).Any(n => n is ("firing", "bad-reviews")));

        // Wait until nothing either node queued is still to send: a second notice would be a
        // second row of the shared outbox, and sent by then.
        var db = a.Services.GetRequiredService<CxMonitor.Web.Data.AppStateDb>();
        var deadline = DateTime.UtcNow + Wait;
        while (await CountAsync(db, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending'") > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending'"));
        await using (var connection = await db.OpenAsync())
        {
            // One row per alert and channel: two alerts, whichever node counted their Nth item.
            var perChannel = await connection.QueryAsync<long>("SELECT COUNT(*) FROM notify_outbox GROUP BY channel");
            Assert.NotEmpty(perChannel);
            Assert.All(perChannel, rows => Assert.Equal(2, rows));
        }
        var notices = receiver.Accepted.SelectMany(Notices).Order().ToArray();
        Assert.Equal([("firing", "bad-reviews"), ("firing", "negative-burst")], notices);
        var duty = await PeopleSignIn.AsAsync(a.Services, a.Factory.CreateClient(), UserRoles.Duty, "olena");
        var open = await duty.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        Assert.Equal(["bad-reviews", "negative-burst"], open.EnumerateArray().Select(x => x.GetProperty("rule").GetString()!).Order().ToArray());
        var burst = open.EnumerateArray().Single(x => x.GetProperty("rule").GetString() == "negative-burst");
        Assert.Equal("site:north", burst.GetProperty("scope").GetString());
        Directory.Delete(rules, recursive: true);
    }

    private static string Negative(string id) => $$"""{"id":"{{id}}","scale":"csat5","score":1,"site":"north","channel":"web","touchpoint":"tp1"}""";

    private static string Review(string id, string time) =>
        $$"""{"platform":"maps","externalId":"{{id}}","time":"{{time}}","stars":1,"text":"Cold food and a rude courier","site":"north"}""";

    private static async Task<long> CountAsync(CxMonitor.Web.Data.AppStateDb db, string sql)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task PostAsync(HttpClient client, string path, string json)
    {
        var answer = await client.PostAsync(path, IngestApp.Json(json));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static IEnumerable<(string Kind, string Rule)> Notices(WebhookReceiver.Received r) =>
        JsonDocument.Parse(r.Text).RootElement.GetProperty("notices").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("ruleName").GetString()!)).ToList();
}
