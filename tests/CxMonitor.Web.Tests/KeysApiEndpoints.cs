using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.People;

namespace CxMonitor.Web.Tests;

public class KeysApiEndpoints(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task An_admin_creates_a_key_that_ingests_lists_it_without_secret_and_revokes_it()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { source = "kiosk", sites = new[] { "riga-old-town" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("info").GetProperty("keyId").GetString()!;
        var listed = await admin.GetStringAsync("/api/v1/keys");
        var usable = await app.ClientWithKey(key).GetAsync("/api/v1/sites");
        var revoked = await admin.DeleteAsync($"/api/v1/keys/{keyId}");

        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(key, listed);
        Assert.Equal(HttpStatusCode.OK, usable.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithKey(key).GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task A_key_for_an_unknown_site_is_refused_naming_the_site()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { source = "kiosk", sites = new[] { "atlantis" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("atlantis", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(UserRoles.Manager)]
    [InlineData(UserRoles.Duty)]
    [InlineData(UserRoles.Executive)]
    public async Task Only_admins_manage_keys_and_sites(string role)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var person = await PeopleSignIn.AsAsync(app, role);

        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PostAsJsonAsync("/api/v1/sites",
            new { id = "oslo", name = "Oslo", timeZone = "Europe/Oslo", openingHours = new { Mon = "09:00-17:00" } })).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_site_to_the_catalog()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/sites",
            new { id = "oslo", name = "Oslo", timeZone = "Europe/Oslo", openingHours = new { Mon = "09:00-17:00" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"oslo\"", await admin.GetStringAsync("/api/v1/sites"));
    }
}
