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
}
