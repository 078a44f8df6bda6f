using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CxMonitor.Web.Tests;

public class SitesApiEndpoints(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Posting_a_new_site_creates_it_and_it_is_listed_at_once()
    {
        var client = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());

        var created = await client.PostAsJsonAsync("/api/v1/sites", new
        {
            id = "paris-opera",
            name = "Paris Opéra",
            timeZone = "Europe/Paris",
            openingHours = new { Mon = "10:00-19:00", Sat = "10:00-13:00,14:00-19:00" },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var site = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("10:00-13:00,14:00-19:00", site.GetProperty("openingHours").GetProperty("Sat").GetString());
        Assert.Equal("closed", site.GetProperty("openingHours").GetProperty("Sun").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/sites");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == "paris-opera");
    }

    [Fact]
    public async Task Posting_an_existing_site_replaces_it()
    {
        var client = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());
        var site = new { id = "lyon-part-dieu", name = "Lyon", timeZone = "Europe/Paris", openingHours = new { Mon = "10:00-19:00" } };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/sites", site)).StatusCode);

        var replaced = await client.PostAsJsonAsync("/api/v1/sites", site with { name = "Lyon Part-Dieu" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True(shared.App.Get<CxMonitor.Web.Sites.SiteCatalog>().TryGet("lyon-part-dieu", out var stored));
        Assert.Equal("Lyon Part-Dieu", stored.Name);
    }

    [Fact]
    public async Task An_invalid_site_gets_a_validation_problem_naming_each_bad_field_and_its_rule()
    {
        var client = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());

        var response = await client.PostAsJsonAsync("/api/v1/sites", new
        {
            id = "Paris Opera",
            name = "",
            timeZone = "Europe/Atlantis",
            // A dictionary keeps "Mon" as written; an anonymous type's Mon would be camel-cased.
            openingHours = new Dictionary<string, string> { ["Mon"] = "9-19", ["Sun"] = "closed" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["id", "name", "timeZone", "openingHours"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("lower-case", errors.GetProperty("id")[0].GetString());
        Assert.Contains("'Europe/Atlantis' is not a known IANA time zone", errors.GetProperty("timeZone")[0].GetString());
        Assert.StartsWith("Mon: '9-19'", errors.GetProperty("openingHours")[0].GetString());
        Assert.False(shared.App.Get<CxMonitor.Web.Sites.SiteCatalog>().TryGet("Paris Opera", out _));
    }
}
