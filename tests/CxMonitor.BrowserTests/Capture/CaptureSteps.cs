using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>Steps the capture tests share: an admin creates a terminal, a tablet (or an HTTP
/// client) pairs with it, and InfluxDB is asked what it holds.</summary>
public static class CaptureSteps
{
    public static async Task<(string Id, string PairUrl)> CreateTerminalAsync(BrowserApp app, object settings)
    {
        using var admin = await app.SignedInAsync(UserRoles.Admin, "capture-admin");
        var response = await admin.PostAsJsonAsync("/api/v1/terminals", settings);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("terminal").GetProperty("id").GetString()!, body.GetProperty("pairUrl").GetString()!);
    }

    /// <summary>A client holding the terminal's cookie, as a paired tablet would.</summary>
    public static async Task<HttpClient> PairedClientAsync(BrowserApp app, string pairUrl)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Url };
        var pair = await client.GetAsync(pairUrl);
        Assert.Equal(HttpStatusCode.Redirect, pair.StatusCode);
        return client;
    }

    public static async Task<long> CountAsync(InfluxdFixture influxd, string database, string where)
    {
        using var client = influxd.CreateClient();
        var series = await client.GetQueryApi().QuerySeriesAsync(new InfluxQuery($"SELECT count(score) AS n FROM rating WHERE {where}"), database);
        return series.Count == 0 ? 0 : series[0].GetLong(0, "n") ?? 0;
    }

    /// <summary>Waits until InfluxDB holds <paramref name="expected"/> points and the spool is
    /// empty, then answers the count: more than expected shows a double count.</summary>
    public static async Task<long> SettledCountAsync(BrowserApp app, InfluxdFixture influxd, string database, string where, long expected, TimeSpan timeout)
    {
        using var reader = await app.SignedInAsync(UserRoles.Admin, "capture-admin");
        var deadline = DateTime.UtcNow + timeout;
        long n;
        while (true)
        {
            n = await CountAsync(influxd, database, where);
            var status = await reader.GetFromJsonAsync<JsonElement>("/api/v1/status");
            if ((n >= expected && status.GetProperty("backlog").GetInt64() == 0) || DateTime.UtcNow > deadline)
                return n;
            await Task.Delay(100);
        }
    }
}
