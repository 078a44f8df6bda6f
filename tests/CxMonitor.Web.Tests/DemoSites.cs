using System.Globalization;
using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Tests;

public class DemoSites(DemoSites.DemoApp demo) : IClassFixture<DemoSites.DemoApp>
{
    [Fact]
    public void The_demo_environment_seeds_the_six_sites_the_simulator_uses() => Assert.Equal(
        ["berlin-alexanderplatz", "kyiv-khreshchatyk", "london-oxford-st", "new-york-5th-ave", "riga-old-town", "warsaw-centrum"],
        demo.Catalog.All.Select(s => s.Id));

    [Theory]
    // Monday 2026-11-23, winter time everywhere.
    [InlineData("london-oxford-st", "2026-11-23T08:59:00Z", false)]
    [InlineData("london-oxford-st", "2026-11-23T09:00:00Z", true)]
    [InlineData("new-york-5th-ave", "2026-11-23T14:59:00Z", false)]
    [InlineData("new-york-5th-ave", "2026-11-23T15:00:00Z", true)]
    [InlineData("kyiv-khreshchatyk", "2026-11-23T06:00:00Z", true)]
    [InlineData("kyiv-khreshchatyk", "2026-11-23T20:00:00Z", false)]
    // Sunday 2026-11-22: Berlin is closed, Warsaw opens at 10:00, London at 11:00.
    [InlineData("berlin-alexanderplatz", "2026-11-22T12:00:00Z", false)]
    [InlineData("warsaw-centrum", "2026-11-22T09:00:00Z", true)]
    [InlineData("london-oxford-st", "2026-11-22T10:59:00Z", false)]
    [InlineData("riga-old-town", "2026-11-22T08:00:00Z", true)]
    public void Demo_sites_are_open_at_their_local_opening_hours(string siteId, string instant, bool open)
    {
        Assert.True(demo.Catalog.TryGet(siteId, out var site));
        Assert.Equal(open, site.IsOpen(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    /// <summary>One app in the Demo environment for the whole class.</summary>
    public sealed class DemoApp : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private TestApp? _app;

        public SiteCatalog Catalog => _app!.Get<SiteCatalog>();

        public Task InitializeAsync()
        {
            _app = new TestApp(_folder.Path, new Dictionary<string, string?> { ["environment"] = "Demo" });
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
                await _app.DisposeAsync();
            _folder.Dispose();
        }
    }
}
