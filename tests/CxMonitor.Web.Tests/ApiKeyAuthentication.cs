using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access;

namespace CxMonitor.Web.Tests;

public class ApiKeyAuthentication(ApiKeyAuthentication.App shared) : IClassFixture<ApiKeyAuthentication.App>
{
    [Fact]
    public async Task A_valid_key_gets_the_site_list()
    {
        var key = await shared.App.CreateKeyAsync("riga-old-town");

        var sites = await shared.App.ClientWithKey(key).GetFromJsonAsync<JsonElement>("/api/v1/sites");

        Assert.Equal(["berlin-alexanderplatz", "riga-old-town"], sites.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task No_key_gets_401_problem_details_saying_where_to_send_one()
    {
        var response = await shared.App.ClientWithKey(null).GetAsync("/api/v1/sites");

        await AssertUnauthorizedAsync(response, ApiKeyAuthenticationHandler.MissingKey);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_unknown_key_gets_401_problem_details()
    {
        var response = await shared.App.ClientWithKey("cxk_aaaaaaaaaa_" + new string('A', 43)).GetAsync("/api/v1/sites");

        await AssertUnauthorizedAsync(response, ApiKeyAuthenticationHandler.UnknownKey);
    }

    [Fact]
    public async Task A_known_key_id_with_a_wrong_secret_gets_401()
    {
        var key = await shared.App.CreateKeyAsync();

        var response = await shared.App.ClientWithKey(key[..^4] + (key.EndsWith("AAAA") ? "EEEE" : "AAAA")).GetAsync("/api/v1/sites");

        await AssertUnauthorizedAsync(response, ApiKeyAuthenticationHandler.UnknownKey);
    }

    [Fact]
    public async Task A_malformed_key_gets_401_saying_what_a_key_looks_like()
    {
        var response = await shared.App.ClientWithKey("Bearer abc").GetAsync("/api/v1/sites");

        await AssertUnauthorizedAsync(response, ApiKeyAuthenticationHandler.MalformedKey);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_at_once_when_the_cache_is_off()
    {
        var key = await shared.App.CreateKeyAsync();
        var client = shared.App.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);

        await shared.App.Get<ApiKeyStore>().RevokeAsync(key[4..14]);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/v1/sites"), ApiKeyAuthenticationHandler.UnknownKey);
    }

    [Fact]
    public async Task Health_endpoints_stay_anonymous()
    {
        var response = await shared.App.ClientWithKey(null).GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    public sealed class App : SharedApp
    {
        protected override (string Key, string? Value)[] Settings => [("Access:KeyCacheTtl", "00:00:00")];
    }
}
