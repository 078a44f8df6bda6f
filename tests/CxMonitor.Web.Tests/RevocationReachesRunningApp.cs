using System.Net;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests;

/// <summary>The CLI revokes in another process, which cannot clear the app's cache of validated
/// keys: the app must stop accepting the key once its cache entry expires (at most 10 s).</summary>
public class RevocationReachesRunningApp(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task A_key_revoked_elsewhere_is_refused_once_the_ten_second_cache_entry_expires()
    {
        var directory = folder.NewSub();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var app = TestApp.WithSites(directory);
        await using var timed = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (_, key) = await timed.Services.GetRequiredService<ApiKeyStore>().CreateAsync("kiosk", ["*"]);
        var client = timed.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);

        Assert.Equal(0, (await CliRunner.RunAsync(directory, "keys", "revoke", key[4..14])).ExitCode);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sites")).StatusCode);
    }
}
