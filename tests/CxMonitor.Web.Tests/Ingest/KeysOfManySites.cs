using System.Net;
using CxMonitor.Testing;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>A key's principal is made once and kept while the key is cached (issue 19): under
/// concurrency, no request may be answered with another key's sites.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class KeysOfManySites(InfluxdFixture influxd) : IAsyncLifetime
{
    private const int Sites = 20;
    private IngestApp _app = null!;

    public async Task InitializeAsync()
    {
        // Keys cached, as in production for its longest 10 s (other ingest tests read every key from the database).
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(KeysOfManySites)),
            extra: new Dictionary<string, string?> { ["Access:KeyCacheTtl"] = "00:00:10" });
        using var _ = _app.Factory.CreateClient(); // starts the server before its services are used
        var hours = OpeningHours.Parse(new Dictionary<string, string?> { ["Mon"] = "00:00-24:00" });
        await _app.Services.GetRequiredService<SiteCatalog>().InsertMissingAsync(
            Enumerable.Range(0, Sites).Select(i => new Site($"site-{i}", $"Site {i}", i % 2 == 0 ? "Asia/Kolkata" : "Europe/Kyiv", hours)));
        await _app.Services.GetRequiredService<SiteCatalog>().ReloadAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Twenty_keys_of_twenty_sites_at_once_each_write_their_own_site_only()
    {
        var clients = new HttpClient[Sites];
        for (var i = 0; i < Sites; i++)
            clients[i] = await _app.ClientWithKeyAsync($"site-{i}");
        static StringContent RatingOf(int site) => IngestApp.Json($$"""{"scale":"csat5","score":4,"site":"site-{{site}}"}""");
        async Task<(int Key, int Site, HttpStatusCode Status)> PostAsync(int key, int site) =>
            (key, site, (await clients[key].PostAsync("/api/v1/ratings", RatingOf(site))).StatusCode);

        // Each key twice at once, its own site and the next key's, in two rounds: the second with
        // every principal already made.
        for (var round = 0; round < 2; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Sites).SelectMany(i => new[] { PostAsync(i, i), PostAsync(i, (i + 1) % Sites) }));
            Assert.All(answers, a => Assert.True(a.Status == (a.Key == a.Site ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden),
                $"round {round}: the key of site-{a.Key} writing site-{a.Site} got {a.Status}"));
        }
        Assert.Equal(2 * Sites, await _app.WaitForCountAsync("rating", 2 * Sites, TimeSpan.FromSeconds(20)));
    }
}
