using CxMonitor.Testing;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>A phone number, an e-mail address and a customer id in the rating behind an alert
/// reach the people who work alerts, and nobody else: not keys, not wall screens (API or live
/// hub), not executives.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class PersonalDataInAlerts(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string Phone = "+49 170 1234567";
    private const string Email = "ann.fischer@example.org";
    private const string Customer = "cust-4711-zz";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _rules = AlertsApp.RuleFolder(AlertsApp.Rules.Replace("\"{{text}}\"", "\"{{text}} (customer {{customer}})\"", StringComparison.Ordinal));
    private IngestApp _app = null!;
    private long _alert;

    public async Task InitializeAsync()
    {
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(PersonalDataInAlerts)), extra: AlertsApp.Settings(_rules), port: FreePort.Next());
        var client = await _app.ClientWithKeyAsync();
        await AlertsApp.PostAsync(client, $$"""{"id":"pd-1","scale":"csat5","score":1,"site":"north","customer":"{{Customer}}","comment":"I got food poisoning after lunch, call me on {{Phone}} or {{Email}}"}""");
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var list = await (await client.GetAsync("/api/v1/alerts")).JsonAsync();
            if (list.GetArrayLength() > 0)
            {
                _alert = list[0].GetProperty("id").GetInt64();
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("no alert fired");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    private async Task<HttpClient> CallerAsync(string who)
    {
        switch (who)
        {
            case "one-site-key":
                return await _app.ClientWithKeyAsync("north");
            case "all-sites-key":
                return await _app.ClientWithKeyAsync();
            case "screen":
                var (_, token) = await _app.Services.GetRequiredService<DisplayTokens>().CreateAsync("TV", "main", "admin", CancellationToken.None);
                var client = new HttpClient { BaseAddress = _app.BaseAddress };
                client.DefaultRequestHeaders.Add("Cookie", "cx_display=" + token);
                return client;
            default:
                return await PeopleSignIn.AsAsync(_app.BaseAddress, _app.Services, who);
        }
    }

    private static void AssertNoPersonalData(string body)
    {
        Assert.DoesNotContain(Phone, body);
        Assert.DoesNotContain(Email, body);
        Assert.DoesNotContain(Customer, body);
        Assert.Contains("food poisoning", body); // the rest of the comment is still there
    }

    [Theory]
    [InlineData("one-site-key")]
    [InlineData("all-sites-key")]
    [InlineData("screen")]
    [InlineData("Executive")]
    public async Task Keys_screens_and_executives_read_the_alert_without_contact_details_or_customer_id(string who)
    {
        var client = await CallerAsync(who);

        AssertNoPersonalData(await (await client.GetAsync($"/api/v1/alerts/{_alert}")).Content.ReadAsStringAsync());
        AssertNoPersonalData(await (await client.GetAsync("/api/v1/alerts")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Duty")]
    [InlineData("Manager")]
    public async Task People_who_work_alerts_see_whom_to_call_back(string role)
    {
        var client = await CallerAsync(role);

        var body = await (await client.GetAsync($"/api/v1/alerts/{_alert}")).Content.ReadAsStringAsync();

        Assert.Contains(Phone, body);
        Assert.Contains(Email, body);
        Assert.Contains(Customer, body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_live_hub_gives_keys_the_alerts_masked_both_first_and_on_change(bool allSites)
    {
        if (allSites)
            await _app.ClientWithKeyAsync();
        else
            await _app.ClientWithKeyAsync("north");
        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, alerts: true, "site:north");
        var open = live.NextOf(Wait, "alerts-open").GetProperty("data");
        var duty = await PeopleSignIn.AsAsync(_app.BaseAddress, _app.Services, "Duty");
        await duty.PostAsync($"/api/v1/alerts/{_alert}/comments", IngestApp.Json("""{"text":"calling back"}"""));
        var update = live.NextOf(Wait, "alert").GetProperty("data");

        AssertNoPersonalData(open.GetRawText());
        AssertNoPersonalData(update.GetRawText());
    }
}
