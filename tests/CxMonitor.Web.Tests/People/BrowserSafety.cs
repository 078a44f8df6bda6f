using System.Net;

namespace CxMonitor.Web.Tests.People;

public class BrowserSafety(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/session")]
    public async Task Every_response_carries_a_csp_without_inline_scripts_and_the_other_security_headers(string path)
    {
        await using var app = TestApp.WithSites(folder.NewSub());

        var response = await app.CreateClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_live_hub_refuses_a_page_from_another_origin()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.ClientWithKey(await app.CreateKeyAsync());

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://" + client.BaseAddress!.Authority);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }
}
