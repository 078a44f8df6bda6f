using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>One alert, read in three languages: the API carries every language with site names,
/// a webhook speaks its channel's language, and an e-mail channel sends each recipient who is a
/// person a message in their own language (the others get the channel's).</summary>
[Collection(InfluxdCollection.Name)]
public sealed partial class AlertsInReadersLanguage(InfluxdFixture influxd) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private string _db = "";
    private readonly string _rules = AlertsApp.RuleFolder(AlertsApp.Rules + """

          - name: cold-coffee
            kind: event
            keywords: ["cold coffee"]
            route: duty
            summary: { en: "Cold coffee at {{site}}", ru: "Холодный кофе в «{{site}}»" }
        """);

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(AlertsInReadersLanguage));

    public Task DisposeAsync()
    {
        Directory.Delete(_rules, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_api_webhook_and_e_mail_each_give_the_reader_their_language_with_the_sites_name()
    {
        await using var sink = new SmtpSink();
        await using var receiver = new WebhookReceiver();
        var settings = AlertsApp.Settings(_rules, receiver.Url, sink.Port);
        settings["Notify:Channels:hook:Language"] = "uk";
        settings["Notify:Channels:mail:To:0"] = "olena@example.com";
        settings["Notify:Channels:mail:To:1"] = "boss@example.com";
        await using var app = new IngestApp(influxd.Url, _db, extra: settings);
        var users = app.Services.GetRequiredService<UserStore>();
        await users.CreateAsync("olena@example.com", [UserRoles.Duty], PeopleSignIn.Password);
        await users.SetLanguageAsync("olena@example.com", "ru");
        var client = await app.ClientWithKeyAsync();

        await AlertsApp.PostAsync(client, """{"id":"l1","scale":"csat5","score":1,"site":"north","comment":"food poisoning, call me on +49 170 1234567"}""");

        var hook = await receiver.WaitForAcceptedAsync(Wait, r => r.Text.Contains("poisoning", StringComparison.Ordinal));
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("uk", body.GetProperty("language").GetString());
        // The rule has an English summary only: Ukrainian readers get the built-in wording.
        Assert.Equal("Відповідь клієнта у «North Store»: «food poisoning»", body.GetProperty("notices")[0].GetProperty("summary").GetString());

        var mails = await MessagesAsync(sink, 2);
        var russian = Assert.Single(mails, m => m.Contains("To: olena@example.com", StringComparison.Ordinal));
        var english = Assert.Single(mails, m => m.Contains("To: boss@example.com", StringComparison.Ordinal));
        Assert.Equal("[КРИТИЧНО] сработало: Ответ клиента в «North Store»: «food poisoning»", Subject(russian));
        Assert.Contains("Content-Language: ru", russian);
        Assert.Equal("[CRITICAL] firing: Poisoning at North Store: “food poisoning”", Subject(english));

        // Sent after the e-mails, so it does not join their message.
        await AlertsApp.PostAsync(client, """{"id":"l2","scale":"csat5","score":2,"site":"north","comment":"cold coffee again"}""");
        var alerts = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        for (var deadline = DateTime.UtcNow + Wait; alerts.GetArrayLength() < 2 && DateTime.UtcNow < deadline; await Task.Delay(50))
            alerts = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        var cold = alerts.EnumerateArray().Single(a => a.GetProperty("rule").GetString() == "cold-coffee");
        Assert.Equal("event", cold.GetProperty("kind").GetString());
        Assert.Equal("Холодный кофе в «North Store»", cold.GetProperty("texts").GetProperty("ru").GetProperty("summary").GetString());
        Assert.Equal("Відповідь клієнта у «North Store»: «cold coffee»", cold.GetProperty("texts").GetProperty("uk").GetProperty("summary").GetString());
        // A key never sees the customer's phone number, in any language.
        var poisoning = alerts.EnumerateArray().Single(a => a.GetProperty("rule").GetString() == "poisoning");
        foreach (var text in poisoning.GetProperty("texts").EnumerateObject())
        {
            Assert.DoesNotContain("1234567", text.Value.GetProperty("description").GetString());
            Assert.Contains("[phone]", text.Value.GetProperty("description").GetString());
        }
    }

    private static async Task<List<string>> MessagesAsync(SmtpSink sink, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (sink.Messages.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return [.. sink.Messages];
    }

    /// <summary>The Subject header, decoded from its UTF-8 encoded words (which may split a character).</summary>
    private static string Subject(string message)
    {
        var header = SubjectHeader().Match(message).Groups[1].Value;
        var words = EncodedWord().Matches(header);
        if (words.Count == 0)
            return header.Trim();
        var bytes = words.SelectMany(w => w.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Convert.FromBase64String(w.Groups[2].Value) : Encoding.UTF8.GetBytes(w.Groups[2].Value.Replace('_', ' '))).ToArray();
        return Encoding.UTF8.GetString(bytes);
    }

    [GeneratedRegex(@"^Subject: (.*(?:\r?\n[ \t].*)*)", RegexOptions.Multiline)]
    private static partial Regex SubjectHeader();

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
