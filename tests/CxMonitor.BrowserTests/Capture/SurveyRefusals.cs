using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>Public, unauthenticated writes: every refusal is problem+json naming the field and the
/// rule, a resent answer counts once, and a flood from one address is refused while another
/// address goes on answering.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyRefusals(InfluxdFixture influxd) : IAsyncLifetime
{
    private BrowserApp _app = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await influxd.CreateDatabaseAsync(nameof(SurveyRefusals));
        _app = new BrowserApp(influxd.Url, _database, new Dictionary<string, string?> { ["Capture:SurveyBurst"] = "40", ["Capture:SurveyPerMinute"] = "60" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<string> TokenAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/survey/{code}")).GetProperty("token").GetString()!;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
            Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Refusals_name_the_field_and_the_rule_and_a_resent_answer_counts_once()
    {
        var code = await SurveyAnswers.CreateSurveyAsync(_app, new { site = "north", touchpoint = "visit" });
        var other = await SurveyAnswers.CreateSurveyAsync(_app, new { site = "south", touchpoint = "visit" });
        using var client = new HttpClient { BaseAddress = _app.Url };
        var token = await TokenAsync(client, code);
        Task<HttpResponseMessage> Post(object body) => client.PostAsJsonAsync($"/api/v1/survey/{code}", body);

        await AssertRefusedAsync(await Post(new { score = 9 }), HttpStatusCode.BadRequest, "token");
        await AssertRefusedAsync(await Post(new { token = token[..^4] + "AAAA", score = 9 }), HttpStatusCode.BadRequest, "token");
        await AssertRefusedAsync(await Post(new { token = await TokenAsync(client, other), score = 9 }), HttpStatusCode.BadRequest, "token");
        await AssertRefusedAsync(await Post(new { token, score = 11 }), HttpStatusCode.BadRequest, "score");
        await AssertRefusedAsync(await Post(new { token, score = 9, comment = "visit http://spam.example" }), HttpStatusCode.BadRequest, "comment");
        await AssertRefusedAsync(await Post(new { token, score = 9, comment = "ааааааааааааааа" }), HttpStatusCode.BadRequest, "comment");
        await AssertRefusedAsync(await Post(new { token, score = 9, reasons = new[] { "free-beer" } }), HttpStatusCode.BadRequest, "reasons");
        await AssertRefusedAsync(await Post(new { token, score = 9, consent = true, contact = "call me maybe" }), HttpStatusCode.BadRequest, "contact");
        await AssertRefusedAsync(await Post(new { token, score = 9, comment = new string('x', 9000) }), HttpStatusCode.RequestEntityTooLarge, "");
        await AssertRefusedAsync(await client.PostAsJsonAsync("/api/v1/survey/zzzzzzzz", new { token, score = 9 }), HttpStatusCode.NotFound, "");

        // Nothing refused was stored; the page sending its answer twice counts once.
        Assert.Equal(HttpStatusCode.Accepted, (await Post(new { token, score = 9, comment = "Quick and kind" })).StatusCode);
        var again = await Post(new { token, score = 9, comment = "Quick and kind" });
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
        Assert.Equal(1, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "source = 'survey'", 1, TimeSpan.FromSeconds(15)));

        // A withdrawn survey takes no more answers, even with a token it gave out.
        using var admin = await _app.SignedInAsync(UserRoles.Admin, "capture-admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/surveys/{code}")).StatusCode);
        await AssertRefusedAsync(await Post(new { token = await Task.FromResult(token), score = 9 }), HttpStatusCode.NotFound, "");
    }

    [Fact]
    public async Task A_flood_from_one_address_is_refused_while_another_address_answers()
    {
        var code = await SurveyAnswers.CreateSurveyAsync(_app, new { site = "north", touchpoint = "web", channel = "web" });
        using var flooder = AddressClient.From(IPAddress.Parse("127.0.0.2"), _app.Url);
        using var customer = AddressClient.From(IPAddress.Parse("127.0.0.3"), _app.Url);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
            statuses.Add((await flooder.GetAsync($"/api/v1/survey/{code}")).StatusCode);
        // The burst passes; after it, only the trickle the bucket refills (1 a second here).
        Assert.All(statuses.Take(40), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 10, string.Join(",", statuses.Select(s => (int)s)));
        // The bucket refills one a second: the one refill that may land just before a POST lets it
        // through (to be refused for its token), the POST right after it finds the bucket empty.
        var refused = await flooder.PostAsJsonAsync($"/api/v1/survey/{code}", new { token = "x", score = 3 });
        if (refused.StatusCode != HttpStatusCode.TooManyRequests)
        {
            await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, "token");
            refused = await flooder.PostAsJsonAsync($"/api/v1/survey/{code}", new { token = "x", score = 3 });
        }
        await AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests, "");
        Assert.NotNull(refused.Headers.RetryAfter);

        var token = await TokenAsync(customer, code);
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync($"/api/v1/survey/{code}", new { token, score = 10 })).StatusCode);
    }
}
