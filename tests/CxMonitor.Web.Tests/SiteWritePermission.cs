using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CxMonitor.Web.Access;

namespace CxMonitor.Web.Tests;

public class SiteWritePermission(SharedApp shared) : IClassFixture<SharedApp>
{
    [Theory]
    [InlineData("*", "berlin-alexanderplatz", true)]
    [InlineData("berlin-alexanderplatz", "berlin-alexanderplatz", true)]
    [InlineData("berlin-alexanderplatz,riga-old-town", "riga-old-town", true)]
    [InlineData("berlin-alexanderplatz,riga-old-town", "warsaw-centrum", false)]
    [InlineData("berlin-alexanderplatz", "berlin", false)]
    [InlineData("berlin", "berlin-alexanderplatz", false)]
    [InlineData("berlin-alexanderplatz", "BERLIN-ALEXANDERPLATZ", false)]
    [InlineData("berlin-alexanderplatz", "", false)]
    public void A_key_may_write_the_sites_it_lists_or_every_site_with_a_star(string keySites, string siteId, bool allowed)
    {
        var key = new ApiKeyInfo("k3x9a0b2cd", "kiosk", keySites.Split(','), DateTimeOffset.UnixEpoch, null, null);
        var user = ApiKeyClaims.PrincipalOf(key);

        Assert.Equal(allowed, ApiKeyClaims.CanWriteSite(user, siteId));
        Assert.Equal("k3x9a0b2cd", ApiKeyClaims.KeyId(user));
        Assert.Equal("kiosk", ApiKeyClaims.Source(user));
    }

    [Fact]
    public void A_keys_principal_is_made_once_and_a_key_read_anew_after_a_change_gets_its_own()
    {
        var north = new ApiKeyInfo("k3x9a0b2cd", "kiosk", ["north"], DateTimeOffset.UnixEpoch, null, null);
        var south = north with { Sites = ["south"] }; // the same key id, as the store reads it after a change
        var principal = ApiKeyClaims.PrincipalOf(north);

        Assert.Same(principal, ApiKeyClaims.PrincipalOf(north));
        var changed = ApiKeyClaims.PrincipalOf(south);
        Assert.NotSame(principal, changed);
        Assert.True(ApiKeyClaims.CanWriteSite(principal, "north"));
        Assert.False(ApiKeyClaims.CanWriteSite(principal, "south"));
        Assert.True(ApiKeyClaims.CanWriteSite(changed, "south"));
        Assert.False(ApiKeyClaims.CanWriteSite(changed, "north"));
        Assert.Equal(ApiKeyDefaults.Scheme, principal.Identity!.AuthenticationType);
        Assert.True(principal.Identity.IsAuthenticated);
    }

    [Fact]
    public void A_caller_without_a_key_may_write_no_site()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.False(ApiKeyClaims.CanWriteSite(anonymous, "berlin-alexanderplatz"));
        Assert.Null(ApiKeyClaims.KeyId(anonymous));
    }

    [Fact]
    public async Task Changing_a_site_with_a_key_for_some_sites_only_gets_403_problem_details()
    {
        var key = await shared.App.CreateKeyAsync("berlin-alexanderplatz");

        var response = await shared.App.ClientWithKey(key).PostAsJsonAsync("/api/v1/sites",
            new { id = "berlin-alexanderplatz", name = "Berlin", timeZone = "Europe/Berlin", openingHours = new { Mon = "09:00-20:00" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("all sites ('*')", problem.GetProperty("detail").GetString());
        Assert.Contains("berlin-alexanderplatz", problem.GetProperty("detail").GetString());
    }
}
