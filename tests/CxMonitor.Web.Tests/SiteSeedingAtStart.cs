using CxMonitor.Web.Sites;
using Microsoft.Extensions.Configuration;

namespace CxMonitor.Web.Tests;

public class SiteSeedingAtStart(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Configured_sites_are_in_the_catalog_when_the_app_starts()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var catalog = app.Get<SiteCatalog>();

        Assert.Equal(["berlin-alexanderplatz", "riga-old-town"], catalog.All.Select(s => s.Id));
        Assert.True(catalog.TryGet("riga-old-town", out var riga));
        Assert.Equal("Europe/Riga", riga.TimeZone);
        Assert.Equal("10:00-20:00", riga.OpeningHours.ToDictionary()["Mon"]);
        Assert.False(catalog.TryGet("Riga-Old-Town", out _));
    }

    [Fact]
    public async Task A_site_edited_after_seeding_keeps_its_edits_and_new_seed_entries_are_added_on_restart()
    {
        var directory = folder.NewSub();
        await using (var app = TestApp.WithSites(directory))
        {
            var catalog = app.Get<SiteCatalog>();
            Assert.True(catalog.TryGet("berlin-alexanderplatz", out var berlin));
            await catalog.UpsertAsync(berlin with { Name = "Berlin Alex (renovated)" });
            Assert.True(catalog.TryGet("berlin-alexanderplatz", out var edited));
            Assert.Equal("Berlin Alex (renovated)", edited.Name);
        }

        await using var restarted = TestApp.WithSites(directory,
            ("Sites:2:Id", "warsaw-centrum"), ("Sites:2:Name", "Warsaw Centrum"),
            ("Sites:2:TimeZone", "Europe/Warsaw"), ("Sites:2:OpeningHours:Sun", "10:00-18:00"));
        var after = restarted.Get<SiteCatalog>();

        Assert.Equal(["berlin-alexanderplatz", "riga-old-town", "warsaw-centrum"], after.All.Select(s => s.Id));
        Assert.True(after.TryGet("berlin-alexanderplatz", out var kept));
        Assert.Equal("Berlin Alex (renovated)", kept.Name);
    }

    [Theory]
    [InlineData("Sites:1:TimeZone", "Mars/Olympus_Mons", "Sites:1:TimeZone (site 'riga-old-town')", "'Mars/Olympus_Mons' is not a known IANA time zone")]
    [InlineData("Sites:1:Id", "Riga Old Town", "Sites:1:Id (site 'Riga Old Town')", "'Riga Old Town' is not a site id")]
    [InlineData("Sites:1:Name", "", "Sites:1:Name (site 'riga-old-town')", "Required")]
    [InlineData("Sites:1:OpeningHours:Mon", "10-20", "Sites:1:OpeningHours (site 'riga-old-town')", "Mon: '10-20'")]
    [InlineData("Sites:1:Id", "berlin-alexanderplatz", "Sites:1:Id (site 'berlin-alexanderplatz')", "already used by Sites:0")]
    public void A_bad_seed_entry_is_reported_naming_the_entry_and_the_field(
        string setting, string value, string expectedPlace, string expectedProblem)
    {
        var settings = new Dictionary<string, string?>(TestApp.BerlinSeed) { [setting] = value };
        var options = new SiteSeedOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SiteSeedOptions.Section).Bind(options.Sites);

        var result = new SiteSeedValidation().Validate(null, options);

        var failure = Assert.Single(result.Failures ?? []);
        Assert.StartsWith(expectedPlace + ": ", failure);
        Assert.Contains(expectedProblem, failure);
    }

    [Fact]
    public async Task A_bad_seed_entry_stops_the_app_before_it_serves_with_the_entry_and_field_in_the_error()
    {
        // A process rather than WebApplicationFactory: the factory races the failing host's disposal.
        var result = await CxmonitorProcess.RunAsync(
            [.. TestApp.BerlinSeed.Select(s => $"--{s.Key}={s.Value}"), "--Sites:1:TimeZone=Mars/Olympus_Mons",
             $"--State:Directory={folder.NewSub()}", "--urls=http://127.0.0.1:0", "--Influx:CreateDatabases=false"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Sites:1:TimeZone (site 'riga-old-town'): 'Mars/Olympus_Mons' is not a known IANA time zone", result.Stderr + result.Stdout);
        Assert.DoesNotContain("Now listening", result.Stdout);
    }
}
