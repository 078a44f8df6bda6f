using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>The public survey on a phone in English, Russian and Ukrainian, and the customer who
/// wants a call back showing on the alert their answer raised.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyAnswers(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Rules = """
        rules:
          - name: detractor
            kind: event
            severity: warning
            max_norm: 34
            summary: "Unhappy customer at {{site}}"
        """;

    private BrowserApp _app = null!;
    private string _database = "";
    private string _rules = "";

    public async Task InitializeAsync()
    {
        _rules = Directory.CreateTempSubdirectory("cx-capture-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_rules, "rules.yaml"), Rules);
        _database = await influxd.CreateDatabaseAsync(nameof(SurveyAnswers));
        _app = new BrowserApp(influxd.Url, _database, new Dictionary<string, string?> { ["Alerts:Directory"] = _rules });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    public static async Task<string> CreateSurveyAsync(BrowserApp app, object settings)
    {
        using var admin = await app.SignedInAsync(UserRoles.Admin, "capture-admin");
        var response = await admin.PostAsJsonAsync("/api/v1/surveys", settings);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task A_customer_answers_on_a_phone_in_each_language_and_a_refusal_is_explained_in_it()
    {
        var code = await CreateSurveyAsync(_app, new { site = "north", touchpoint = "visit" });
        var expected = new Dictionary<string, string>
        {
            ["en"] = "How likely are you to recommend North Store to a friend or colleague?",
            ["ru"] = "Насколько вероятно, что вы порекомендуете North Store другу или коллеге?",
            ["uk"] = "Наскільки ймовірно, що ви порекомендуєте North Store другові чи колезі?",
        };
        foreach (var (lang, question) in expected)
        {
            await using var phone = await Viewer.OpenAsync(chromium.Browser, _app.Url, 390, 844);
            await phone.Page.GotoAsync($"/s/{code}?lang={lang}");
            var survey = new SurveyPage(phone.Page);
            await Expect(survey.Question).ToHaveTextAsync(question);
            var (_, problems) = await PageChecks.TouchTargetsAsync(phone.Page, answerMin: 48);
            Assert.True(problems.Length == 0, $"{lang}: " + string.Join("; ", problems));
            if (lang != "en")
            {
                var (_, _, english) = await PageChecks.EnglishTextsAsync(phone.Page);
                Assert.True(english.Length == 0, $"{lang}: English on screen: " + string.Join("; ", english));
            }
            await survey.Score(8).ClickAsync();
            await survey.Reason("staff").ClickAsync();
            // Spam is refused with the reason in the customer's language, and the answer can be sent again.
            await survey.Comment.FillAsync("Cheap watches at www.example.top");
            await survey.Send.ClickAsync();
            await Expect(survey.Message).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(lang switch { "ru" => "^Комментарий не принят", "uk" => "^Коментар не прийнято", _ => "^The comment was not accepted" }));
            await phone.ScreenshotAsync($"survey-390x844-{lang}");
            await survey.Comment.FillAsync(lang + ": friendly staff");
            await survey.Send.ClickAsync();
            await Expect(survey.Done).ToBeVisibleAsync();
            phone.Errors.RemoveAll(e => e.Contains("400", StringComparison.Ordinal)); // the refused answer's response
            phone.AssertNoErrors();
        }
        Assert.Equal(3, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "source = 'survey' AND touchpoint = 'visit' AND channel = 'in-store'", 3, TimeSpan.FromSeconds(15)));
        using var client = influxd.CreateClient();
        var rows = await client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT comment, reasons, language FROM rating WHERE source = 'survey'"), _database);
        Assert.Equal(["en: friendly staff", "ru: friendly staff", "uk: friendly staff"], Enumerable.Range(0, 3).Select(i => rows[0].GetString(i, "comment")).Order());
    }

    [Fact]
    public async Task The_alert_an_answer_raises_shows_that_the_customer_wants_a_call_back_and_an_answer_without_consent_keeps_no_contact()
    {
        var code = await CreateSurveyAsync(_app, new { site = "south", touchpoint = "delivery", scale = "csat5" });
        await using var phone = await Viewer.OpenAsync(chromium.Browser, _app.Url, 390, 844);
        await phone.Page.GotoAsync($"/s/{code}?lang=en");
        var survey = new SurveyPage(phone.Page);
        await survey.Score(1).ClickAsync();
        await survey.Comment.FillAsync("The parcel came two days late");
        await survey.Consent.CheckAsync();
        await survey.Contact.FillAsync("+49 30 1234567");
        await phone.ScreenshotAsync("survey-consent-390x844-en");
        await survey.Send.ClickAsync();
        await Expect(survey.Done).ToBeVisibleAsync();

        // A second customer does not tick the box but types an address anyway: nothing is kept.
        using var api = new HttpClient { BaseAddress = _app.Url };
        var question = await api.GetFromJsonAsync<JsonElement>($"/api/v1/survey/{code}");
        var answer = await api.PostAsJsonAsync($"/api/v1/survey/{code}", new { token = question.GetProperty("token").GetString(), score = 2, consent = false, contact = "someone@example.org" });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);

        await using var console = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1366, 768);
        await console.SignInAsync(await _app.PersonAsync(UserRoles.Duty, "olena"), path: "/alerts");
        var alerts = new AlertConsolePage(console.Page);
        await Expect(alerts.Row("Unhappy customer at south")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await alerts.Row("Unhappy customer at south").ClickAsync();
        await Expect(alerts.Detail.Locator(".callback")).ToHaveTextAsync("Wants a call back: +49 30 1234567");
        await Expect(alerts.Detail.Locator(".callback")).ToHaveCountAsync(1);
        await console.ScreenshotAsync("alerts-callback-1366x768");

        // Only roles that work alerts read it: an executive is refused.
        using var executive = await _app.SignedInAsync(UserRoles.Executive, "exec");
        var open = await (await _app.SignedInAsync(UserRoles.Duty, "olena")).GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        var id = open.EnumerateArray().First().GetProperty("id").GetInt64();
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await executive.GetAsync($"/api/v1/alerts/{id}/callbacks")).StatusCode);
        console.AssertNoErrors();
        phone.AssertNoErrors();
    }
}
