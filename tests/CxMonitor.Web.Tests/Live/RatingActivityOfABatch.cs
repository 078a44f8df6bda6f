using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Live;

/// <summary>The live push counts every rating of a batch into each of its scopes, but sends only
/// the latest five of each, newest first, their contact details masked. It builds entries only for
/// those five (issue 19), so this checks that counting from the batch's end picks the right ones,
/// per site, when sites take turns. The app on Kestrel, a real SignalR client (Node).</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RatingActivityOfABatch(InfluxdFixture influxd)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_scope_gets_the_count_the_negatives_and_its_own_latest_five_masked()
    {
        await using var app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(RatingActivityOfABatch)), port: FreePort.Next());
        var client = await app.ClientWithKeyAsync();
        await using var live = LiveClientProcess.Start(app.BaseAddress, app.LastKey!, "all", "site:north", "site:south");
        live.NextOf(Wait, "welcome");
        // 13 ratings: north 9, south 4, taking turns unevenly; a score of 1 is negative.
        var sites = "nnsnnsnnnssnn".Select(c => c == 'n' ? "north" : "south").ToArray();
        var items = sites.Select((site, i) =>
            $$"""{"id":"act-{{i}}","scale":"csat5","score":{{(i % 3 == 0 ? 1 : 5)}},"site":"{{site}}","comment":"r{{i}} mail ann{{i}}@example.org"}""");
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', items) + "]"));
        Assert.Equal(202, (int)response.StatusCode);

        var byScope = new Dictionary<string, JsonElement>();
        while (byScope.Count < 3)
        {
            var data = live.NextOf(Wait, "ratings").GetProperty("data");
            byScope.Add(data.GetProperty("scope").GetString()!, data);
        }

        void AssertScope(string scope, Func<int, bool> inScope)
        {
            var indexes = Enumerable.Range(0, sites.Length).Where(inScope).ToList();
            var activity = byScope[scope];
            Assert.Equal(indexes.Count, activity.GetProperty("count").GetInt32());
            Assert.Equal(indexes.Count(i => i % 3 == 0), activity.GetProperty("negatives").GetInt32());
            var latest = activity.GetProperty("latest").EnumerateArray().Select(l => l.GetProperty("comment").GetString()).ToList();
            Assert.Equal(indexes.AsEnumerable().Reverse().Take(5).Select(i => $"r{i} mail [email]"), latest);
        }
        AssertScope("all", _ => true);
        AssertScope("site:north", i => sites[i] == "north");
        AssertScope("site:south", i => sites[i] == "south");
    }

    [Fact]
    public async Task Ratings_sent_one_per_request_are_counted_and_listed_as_a_batch_is()
    {
        // A request of one rating takes its own path into the push (issue 19): the same figures,
        // over however many flushes the 13 requests span.
        await using var app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(Ratings_sent_one_per_request_are_counted_and_listed_as_a_batch_is)), port: FreePort.Next());
        var client = await app.ClientWithKeyAsync();
        await using var live = LiveClientProcess.Start(app.BaseAddress, app.LastKey!, "all", "site:north", "site:south");
        live.NextOf(Wait, "welcome");
        var sites = "nnsnnsnnnssnn".Select(c => c == 'n' ? "north" : "south").ToArray();
        for (var i = 0; i < sites.Length; i++)
        {
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json(
                $$"""{"id":"one-{{i}}","scale":"csat5","score":{{(i % 3 == 0 ? 1 : 5)}},"site":"{{sites[i]}}","comment":"r{{i}} call +44 20 7946 0{{i:D3}}"}"""));
            Assert.Equal(202, (int)response.StatusCode);
        }

        var expected = new Dictionary<string, List<int>>
        {
            ["all"] = Enumerable.Range(0, sites.Length).ToList(),
            ["site:north"] = Enumerable.Range(0, sites.Length).Where(i => sites[i] == "north").ToList(),
            ["site:south"] = Enumerable.Range(0, sites.Length).Where(i => sites[i] == "south").ToList(),
        };
        var messages = expected.Keys.ToDictionary(k => k, _ => new List<JsonElement>());
        while (expected.Any(e => messages[e.Key].Sum(m => m.GetProperty("count").GetInt32()) < e.Value.Count))
        {
            var data = live.NextOf(Wait, "ratings").GetProperty("data");
            messages[data.GetProperty("scope").GetString()!].Add(data);
        }
        foreach (var (scope, indexes) in expected)
        {
            var sent = messages[scope];
            Assert.Equal(indexes.Count, sent.Sum(m => m.GetProperty("count").GetInt32()));
            Assert.Equal(indexes.Count(i => i % 3 == 0), sent.Sum(m => m.GetProperty("negatives").GetInt32()));
            // Newest first across flushes: the last message's list, then the one before it.
            var latest = sent.AsEnumerable().Reverse()
                .SelectMany(m => m.GetProperty("latest").EnumerateArray().Select(l => l.GetProperty("comment").GetString()))
                .Take(5);
            Assert.Equal(indexes.AsEnumerable().Reverse().Take(5).Select(i => $"r{i} call [phone]"), latest);
        }
    }
}
