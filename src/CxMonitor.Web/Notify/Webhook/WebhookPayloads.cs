using System.Text.Json;

namespace CxMonitor.Web.Notify.Webhook;

/// <summary>The JSON bodies: our own (every notice in full), Slack-compatible (text and blocks)
/// and Teams-compatible (a MessageCard).</summary>
internal static class WebhookPayloads
{
    public static byte[] Build(string format, IReadOnlyList<AlertNotice> notices)
    {
        object body = format switch
        {
            "slack" => new
            {
                text = Headline(notices),
                blocks = notices.Select(n => new { type = "section", text = new { type = "mrkdwn", text = $"*{Icon(n)} {n.Summary}*\n{n.Description}" + (n.Url is null ? "" : $"\n<{n.Url}|Open in CxMonitor>") } }),
            },
            "teams" => new Dictionary<string, object?>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = Headline(notices),
                ["themeColor"] = notices.Any(n => n.Severity == "critical") ? "C4314B" : "E3A21A",
                ["title"] = Headline(notices),
                ["sections"] = notices.Select(n => new { activityTitle = $"{Icon(n)} {n.Summary}", text = n.Description }),
                ["potentialAction"] = notices.Where(n => n.Url is not null).Take(1).Select(n => new
                {
                    @type = "OpenUri", name = "Open in CxMonitor", targets = new[] { new { os = "default", uri = n.Url } },
                }),
            },
            _ => new { source = "cxmonitor", notices },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
    }

    public static string Headline(IReadOnlyList<AlertNotice> notices) => notices.Count == 1
        ? $"[{notices[0].Severity.ToUpperInvariant()}] {notices[0].Kind}: {notices[0].Summary}"
        : $"{notices.Count} alert notices for {notices[0].Site ?? notices[0].Scope}";

    private static string Icon(AlertNotice n) => n.Kind switch
    {
        AlertNoticeKinds.Resolved => "✅",
        AlertNoticeKinds.Acknowledged => "👀",
        _ => n.Severity == "critical" ? "🔴" : n.Severity == "warning" ? "🟠" : "🔵",
    };
}
