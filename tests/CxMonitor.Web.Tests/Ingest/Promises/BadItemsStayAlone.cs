using System.Net;
using System.Text;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest.Promises;

/// <summary>Issue 11, item 6 and the lenient input: a bad item is rejected with its index and
/// field, and every valid item beside it is stored.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class BadItemsStayAlone(InfluxdFixture influxd)
{
    private static string Valid(int i) =>
        $$"""{"id":"ok-{{i}}","scale":"csat5","score":5,"site":"{{CollectorProcess.Site}}"}""";

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> PostBytesAsync(HttpClient http, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await http.PostAsync("api/v1/ratings", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} with an empty body");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lone_surrogate_or_an_invalid_utf8_byte_rejects_its_item_only()
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "badutf");
        using var http = collector.Client();
        var cases = new (string Field, byte[] Item)[]
        {
            ("comment", Encoding.UTF8.GetBytes("""{"id":"bad-0","scale":"csat5","score":1,"site":"north","comment":"ok \ud800 then"}""")),
            ("id", Encoding.UTF8.GetBytes("""{"id":"bad-\udfff-1","scale":"csat5","score":1,"site":"north"}""")),
            ("customer", [.. Encoding.UTF8.GetBytes("""{"id":"bad-2","scale":"csat5","score":1,"site":"north","customer":"c"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]),
            ("scale", [.. Encoding.UTF8.GetBytes("""{"id":"bad-3","score":1,"site":"north","scale":"cs"""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")]),
        };
        var stored = 0;
        for (var c = 0; c < cases.Length; c++)
        {
            // The bad item in the middle of 100: 99 valid ones around it.
            var body = new List<byte>(Encoding.UTF8.GetBytes("["));
            for (var i = 0; i < 100; i++)
            {
                if (i > 0)
                    body.Add((byte)',');
                body.AddRange(i == 50 ? cases[c].Item : Encoding.UTF8.GetBytes(Valid(c * 1000 + i)));
            }
            body.Add((byte)']');
            var (status, answer, _) = await PostBytesAsync(http, [.. body]);
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal(99, answer.GetProperty("accepted").GetInt32());
            var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
            Assert.Equal(50, rejected.GetProperty("index").GetInt32());
            Assert.Equal(cases[c].Field, rejected.GetProperty("field").GetString());
            Assert.Contains("Unicode", rejected.GetProperty("error").GetString());
            stored += 99;
        }
        Assert.Equal(stored, await collector.StoredPointsAsync(stored, TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("\" \"", "white space")]
    [InlineData("\"\\t\"", "white space")]
    [InlineData("\"a\\u0007b\"", "control characters")]
    [InlineData("\"line\\nbreak\"", "control characters")]
    public async Task Blank_ids_and_ids_with_control_characters_are_refused(string id, string rule)
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "badid");
        using var http = collector.Client();
        var (status, answer, mediaType) = await PostBytesAsync(http, Encoding.UTF8.GetBytes(
            $$"""[{"id":{{id}},"scale":"csat5","score":4,"site":"north"},{{Valid(1)}}]"""));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("id", 0), (rejected.GetProperty("field").GetString(), rejected.GetProperty("index").GetInt32()));
        Assert.Contains(rule, rejected.GetProperty("error").GetString());

        // Alone in its request: 400 problem+json naming the same field.
        (status, answer, mediaType) = await PostBytesAsync(http, Encoding.UTF8.GetBytes($$"""{"id":{{id}},"scale":"csat5","score":4,"site":"north"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, mediaType));
        Assert.Equal("id", answer.GetProperty("rejected")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("CSAT5")]
    [InlineData("csat5 ")]
    [InlineData(" nps11")]
    public async Task Scale_codes_are_taken_exactly_as_written(string scale)
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "badscale");
        using var http = collector.Client();
        var (status, answer, _) = await PostBytesAsync(http, Encoding.UTF8.GetBytes($$"""{"id":"s","scale":"{{scale}}","score":4,"site":"north"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var rejected = answer.GetProperty("rejected")[0];
        Assert.Equal("scale", rejected.GetProperty("field").GetString());
        Assert.Contains("csat5, nps11", rejected.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Bodies_that_are_not_sent_as_json_are_answered_415_naming_the_accepted_types(string? contentType)
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "badtype");
        using var http = collector.Client();
        var (status, answer, mediaType) = await PostBytesAsync(http, Encoding.UTF8.GetBytes(Valid(1)), contentType);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"), (status, mediaType));
        Assert.Contains("application/json, application/x-ndjson", answer.GetProperty("detail").GetString());
        Assert.Equal(0, await collector.StoredPointsAsync(0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Ndjson_errors_name_the_line_counting_blank_lines()
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "ndjsonlines");
        using var http = collector.Client();
        var body = Valid(1) + "\n\n\n" + "{not json\n" + Valid(2) + "\n";
        var (status, answer, _) = await PostBytesAsync(http, Encoding.UTF8.GetBytes(body), "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.StartsWith("line 4 ", answer.GetProperty("rejected")[0].GetProperty("error").GetString());
    }
}
