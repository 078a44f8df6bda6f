using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Live;

/// <summary>The live push counts every rating of a batch into each of its scopes, but sends only
/// the latest five of each, newest first, their contact details masked. It builds entries only for
/// those five (issue 19), so this checks that counting from the batch's end picks the right ones,
/// per site, when sites take turns; and that ratings sent one per request (a path of their own)
/// give the same figures. The app on Kestrel, a real SignalR client (Node).</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RatingActivityOfABatch(InfluxdFixture influxd)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // 13 ratings: north 9, south 4, taking turns unevenly; a score of 1 is negative.
    private static readonly string[] Sites = "nnsnnsnnnssnn".Select(c => c == 'n' ? "north" : "south").ToArray();

    private static readonly Dictionary<string, Func<int, bool>> Scopes = new()
    {
        ["all"] = _ => true,
        ["site:north"] = i => Sites[i] == "north",
        ["site:south"] = i => Sites[i] == "south",
    };

    private static bool IsNegative(int i) => i % 3 == 0;

    private static string Rating(string id, int i, string comment) =>
        $$"""{"id":"{{id}}-{{i}}","scale":"csat5","score":{{(IsNegative(i) ? 1 : 5)}},"site":"{{Sites[i]}}","comment":"r{{i}} {{comment}}"}""";

    [Fact]
    public async Task Each_scope_gets_the_count_the_negatives_and_its_own_latest_five_masked()
    {
        await using var app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(RatingActivityOfABatch)), port: FreePort.Next());
        var client = await app.ClientWithKeyAsync();
        await using var live = Listen(app);
        var items = Enumerable.Range(0, Sites.Length).Select(i => Rating("act", i, $"mail ann{i}@example.org"));
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', items) + "]"));
        Assert.Equal(202, (int)response.StatusCode);

        AssertActivity(live, "mail [email]", oneMessagePerScope: true);
    }

    [Fact]
    public async Task Ratings_sent_one_per_request_are_counted_and_listed_as_a_batch_is()
    {
        await using var app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(Ratings_sent_one_per_request_are_counted_and_listed_as_a_batch_is)), port: FreePort.Next());
        var client = await app.ClientWithKeyAsync();
        await using var live = Listen(app);
        for (var i = 0; i < Sites.Length; i++)
        {
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json(Rating("one", i, $"call +44 20 7946 0{i:D3}")));
            Assert.Equal(202, (int)response.StatusCode);
        }

        AssertActivity(live, "call [phone]", oneMessagePerScope: false);
    }

    private static LiveClientProcess Listen(IngestApp app)
    {
        var live = LiveClientProcess.Start(app.BaseAddress, app.LastKey!, [.. Scopes.Keys]);
        live.NextOf(Wait, "welcome");
        return live;
    }

    /// <summary>Each scope's messages until all its ratings are counted: one for a batch, as many
    /// as the flushes that single requests span.</summary>
    private static void AssertActivity(LiveClientProcess live, string maskedComment, bool oneMessagePerScope)
    {
        var indexes = Scopes.ToDictionary(s => s.Key, s => Enumerable.Range(0, Sites.Length).Where(s.Value).ToList());
        var messages = Scopes.Keys.ToDictionary(k => k, _ => new List<JsonElement>());
        while (indexes.Any(e => messages[e.Key].Sum(m => m.GetProperty("count").GetInt32()) < e.Value.Count))
        {
            var data = live.NextOf(Wait, "ratings").GetProperty("data");
            messages[data.GetProperty("scope").GetString()!].Add(data);
        }
        foreach (var (scope, inScope) in indexes)
        {
            var sent = messages[scope];
            if (oneMessagePerScope)
                Assert.Single(sent);
            Assert.Equal(inScope.Count, sent.Sum(m => m.GetProperty("count").GetInt32()));
            Assert.Equal(inScope.Count(IsNegative), sent.Sum(m => m.GetProperty("negatives").GetInt32()));
            // Newest first across flushes: the last message's list, then the one before it.
            var latest = sent.AsEnumerable().Reverse()
                .SelectMany(m => m.GetProperty("latest").EnumerateArray().Select(l => l.GetProperty("comment").GetString()))
                .Take(5);
            Assert.Equal(inScope.AsEnumerable().Reverse().Take(5).Select(i => $"r{i} {maskedComment}"), latest);
        }
    }
}
