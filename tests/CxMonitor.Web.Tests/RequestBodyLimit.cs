using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Tests;

/// <summary>POST /api/v1/sites takes at most 64 KiB; the same 413 problem details must come from
/// TestServer and from Kestrel, with and without a Content-Length.</summary>
public class RequestBodyLimit(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task A_body_over_the_limit_gets_413_problem_details_naming_the_limit(bool kestrel, bool chunked)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        if (kestrel)
            app.UseKestrel(0);
        var client = app.ClientWithKey(await app.CreateKeyAsync());

        var response = await client.PostAsync("/api/v1/sites", Body(SiteJson(name: new string('a', 70_000)), chunked));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(kestrel, response.Headers.Server.ToString() == "Kestrel");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("64 KiB (65536 bytes)", problem.GetProperty("detail").GetString());
        Assert.Equal(SitesApi.MaxSiteBodyBytes, problem.GetProperty("limitBytes").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_within_the_limit_is_read_on_kestrel(bool chunked)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        app.UseKestrel(0);
        var client = app.ClientWithKey(await app.CreateKeyAsync());

        var response = await client.PostAsync("/api/v1/sites", Body(SiteJson(name: new string('a', 150)), chunked));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Kestrel", response.Headers.Server.ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("openingHours", out _));
    }

    private static string SiteJson(string name) => JsonSerializer.Serialize(new
    {
        id = "paris-opera",
        name,
        timeZone = "Europe/Paris",
        openingHours = new { Mon = "late" },
    });

    private static HttpContent Body(string json, bool chunked)
    {
        if (!chunked)
            return new StringContent(json, Encoding.UTF8, "application/json");
        // A stream of unknown length is sent chunked, with no Content-Length.
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
