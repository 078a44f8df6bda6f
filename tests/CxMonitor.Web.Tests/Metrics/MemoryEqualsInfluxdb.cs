using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Issue 11, item 9: after a mixed load (every scale, resends, concurrent duplicates,
/// review edits and deletions), every cell the live figures keep in memory equals what InfluxDB
/// sums from the stored points.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class MemoryEqualsInfluxdb(InfluxdFixture influxd)
{
    private static readonly (string Scale, int Max, int Min)[] Scales =
        [("csat5", 5, 1), ("nps11", 10, 0), ("ces7", 7, 1), ("smiley4", 4, 1), ("stars5", 5, 1), ("thumbs2", 1, 0)];

    [Fact]
    public async Task Every_cell_in_memory_equals_the_sums_of_the_stored_points()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(MemoryEqualsInfluxdb));
        await using var app = new IngestApp(influxd.Url, db);
        var client = await app.ClientWithKeyAsync();
        var now = DateTimeOffset.UtcNow;
        var ratings = Enumerable.Range(0, 600).Select(i =>
        {
            var (scale, max, min) = Scales[i % Scales.Length];
            var time = i % 4 == 0 ? "" : $",\"time\":\"{now.AddMinutes(-(i % 300)).AddMilliseconds(-(i % 7)):O}\"";
            return $$"""{"id":"m{{i}}","scale":"{{scale}}","score":{{min + (i % (max - min + 1))}},"site":"{{(i % 3 == 0 ? "north" : "south")}}","channel":"{{(i % 2 == 0 ? "web" : "in-store")}}","touchpoint":"tp{{i % 4}}"{{time}}}""";
        }).ToList();
        // Everything once, then resends: serially, and the same batches from eight connections at once.
        foreach (var chunk in ratings.Chunk(100))
        {
            var answer = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', chunk) + "]"));
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
            var body = await answer.JsonAsync();
            Assert.True(body.GetProperty("accepted").GetInt32() == 100, body.ToString());
        }
        var resend = "[" + string.Join(',', ratings.Take(200)) + "]";
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/api/v1/ratings", IngestApp.Json(resend))));
        var fresh = Enumerable.Range(0, 50).Select(i => $$"""{"id":"race{{i}}","scale":"nps11","score":{{i % 11}},"site":"north"}""");
        var race = "[" + string.Join(',', fresh) + "]";
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/api/v1/ratings", IngestApp.Json(race))));

        // Reviews: new, edited (stars gone, text turned negative), deleted, and resent.
        for (var i = 0; i < 30; i++)
        {
            var t = now.AddMinutes(-i * 7).ToString("O");
            await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","stars":{{1 + (i % 5)}},"text":"Great visit, friendly staff","site":"{{(i % 2 == 0 ? "north" : "south")}}"}"""));
            if (i % 3 == 0)
                await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","text":"Terrible. The courier never came and nobody answered.","site":"{{(i % 2 == 0 ? "north" : "south")}}"}"""));
            if (i % 5 == 0)
                await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","deleted":true,"site":"{{(i % 2 == 0 ? "north" : "south")}}"}"""));
        }

        await app.WaitForCountAsync("rating", 650, TimeSpan.FromSeconds(30));
        await app.WaitForSpoolDeliveredAsync();
        var from = now.AddHours(-6);
        var to = now.AddMinutes(1);
        var stored = await MemoryComparison.StoredAsync(app, from, to);
        Assert.Equal(650, stored.Values.Sum(t => t.Ratings));
        Assert.Empty(MemoryComparison.Differences(MemoryComparison.InMemory(app, from, to), stored));
    }
}
