using System.Text;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Through the app: a JSON array (read in one pass, the common rating validated as it is
/// read) is answered exactly as the same items sent as NDJSON (a document per line, every item
/// through the validator), with a key limited to one site, so that the key's site errors fall
/// between the validator's.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class JsonBodiesAnswerAsNdjson(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(JsonBodiesAnswerAsNdjson)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] Items =
    [
        """{"id":"{p}-1","scale":"csat5","score":4,"site":"north","channel":"web","comment":"  fine  "}""",
        """{"id":"{p}-2","scale":"csat5","score":4,"site":"south"}""",
        """{"id":"{p}-3","scale":"nps11","score":10,"site":"north","comment":"esc\u00e9aped"}""",
        """{"id":"{p}-4","scale":"nps11","score":11,"site":"south","colour":"red"}""",
        """{"id":"{p}-5","time":"2026-11-22T10:00:00+05:30","scale":"stars5","score":5,"site":"north","reasons":["wait-time"]}""",
        """{"id":"{p}-6","scale":"ces7","score":4.0,"site":"north"}""",
        """{"id":"{p}-7","scale":"smiley4","score":2,"site":"south","touchpoint":"checkout"}""",
        """{"id":"{p}-8","scale":"thumbs2","score":1,"site":"north","score":0}""",
        """{"id":"","scale":"thumbs2","score":1,"site":"north"}""",
        """{"id":"{p}-10","scale":"csat5","score":3,"site":"atlantis","language":"EN"}""",
        """[]""",
        """{"id":"{p}-12","scale":"csat5","score":2,"site":"north","customer":"c-1","team":"tills"}""",
    ];

    [Fact]
    public async Task The_same_items_get_the_same_answer_as_a_json_array_and_as_ndjson()
    {
        var client = await _app.ClientWithKeyAsync("north");
        var json = await client.PostAsync("/api/v1/ratings",
            IngestApp.Json("[" + string.Join(",\n ", Items.Select(i => i.Replace("{p}", "j"))) + "]"));
        var ndjson = await client.PostAsync("/api/v1/ratings",
            new StringContent(string.Join("\n", Items.Select(i => i.Replace("{p}", "n"))), Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(ndjson.StatusCode, json.StatusCode);
        var (fromJson, fromNdjson) = (await json.JsonAsync(), await ndjson.JsonAsync());
        // 1, 3 (escaped), 5, 6 (4.0 is a whole number), 8 (the last score counts) and 12.
        Assert.Equal(6, fromJson.GetProperty("accepted").GetInt32());
        Assert.Equal(fromNdjson.GetProperty("accepted").GetInt32(), fromJson.GetProperty("accepted").GetInt32());
        Assert.Equal(Rejected(fromNdjson), Rejected(fromJson));
        Assert.Contains(Rejected(fromJson), r => r is (1, "site", _));
        Assert.Equal(12, await _app.WaitForCountAsync("rating", 12, TimeSpan.FromSeconds(10)));
    }

    private static List<(int, string, string)> Rejected(JsonElement body) =>
        body.GetProperty("rejected").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString()!, e.GetProperty("error").GetString()!)).ToList();
}
