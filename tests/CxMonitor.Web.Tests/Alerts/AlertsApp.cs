using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>The real app with a rule folder of its own and notifications to a webhook receiver
/// and an SMTP sink, over a real influxd.</summary>
public static class AlertsApp
{
    public const string Secret = "a-webhook-secret-for-tests";

    public const string Rules = """
        rules:
          - name: poisoning
            kind: event
            severity: critical
            keywords: ["food poisoning"]
            route: duty
            repeat: 1d
            escalate: { after: 10m, route: managers }
            summary: "Poisoning at {{site}}: {{match}}"
            description: "{{text}}"
        """;

    public static string RuleFolder(string rules = Rules)
    {
        var folder = Directory.CreateTempSubdirectory("cx-alert-rules-").FullName;
        File.WriteAllText(Path.Combine(folder, "rules.yaml"), rules);
        return folder;
    }

    public static Dictionary<string, string?> Settings(string ruleFolder, Uri? webhook = null, int? smtpPort = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:Directory"] = ruleFolder,
            ["Notify:GroupingWindow"] = "00:00:00",
            ["Notify:MaxRetryDelay"] = "00:00:00.200",
            ["Notify:Routes:duty:Channels:0"] = "hook",
            ["Notify:Routes:managers:Channels:0"] = "hook",
            ["Notify:Channels:hook:Type"] = "webhook",
            ["Notify:Channels:hook:Url"] = (webhook ?? new Uri($"http://127.0.0.1:{FreePort.Next()}/hook")).ToString(),
            ["Notify:Channels:hook:Secret"] = Secret,
        };
        if (smtpPort is { } port)
        {
            settings["Notify:Routes:duty:Channels:1"] = "mail";
            settings["Notify:Channels:mail:Type"] = "email";
            settings["Notify:Channels:mail:SmtpHost"] = "127.0.0.1";
            settings["Notify:Channels:mail:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Notify:Channels:mail:SmtpTls"] = "false";
            settings["Notify:Channels:mail:From"] = "cxmonitor@example.com";
            settings["Notify:Channels:mail:To:0"] = "duty@example.com";
        }
        return settings;
    }

    public static string PoisoningRating(string id, string site = "north") =>
        $$"""{"id":"{{id}}","scale":"csat5","score":1,"site":"{{site}}","comment":"I got food poisoning after lunch"}""";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) => client.PostAsync("/api/v1/ratings", IngestApp.Json(json));

    /// <summary>Before asserting that a notice came once (or not at all): a second copy could only
    /// come from an outbox row still pending, so this waits until there is none, instead of a
    /// fixed delay shorter than the dispatcher's round (up to 1 s) plus its retry backoff.</summary>
    public static async Task WaitForNoPendingNoticesAsync(IServiceProvider app, double withinSeconds = 30)
    {
        var db = app.GetRequiredService<AppStateDb>();
        var deadline = DateTime.UtcNow.AddSeconds(withinSeconds);
        while (true)
        {
            await using var connection = await db.OpenAsync();
            var pending = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending'");
            if (pending == 0)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending} notices still pending after {withinSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>Event rules run after the 202, on the alert service's own queue: a test reads the
    /// alerts API until the alert of <paramref name="scope"/> is open, never after a fixed delay.</summary>
    public static async Task<JsonElement> WaitForOpenAlertAsync(HttpClient client, string scope, double withinSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(withinSeconds);
        while (true)
        {
            var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
            if (open.EnumerateArray().FirstOrDefault(a => a.GetProperty("scope").GetString() == scope) is { ValueKind: JsonValueKind.Object } alert)
                return alert;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No alert at {scope} opened within {withinSeconds} s; open: {open}");
            await Task.Delay(50);
        }
    }
}
