using System.Text.Json;
using CxMonitor.Web.Alerts;

namespace CxMonitor.Web.Notify.Webhook;

/// <summary>The JSON bodies: our own (every notice in full), Slack-compatible (text and blocks)
/// and Teams-compatible (a MessageCard), worded in the channel's language.</summary>
internal static class WebhookPayloads
{
    public static byte[] Build(string format, IReadOnlyList<AlertNotice> notices, AlertWording wording, string language)
    {
        var open = wording.Word(language, "notice.open");
        object body = format switch
        {
            "slack" => new
            {
                text = Headline(notices, wording, language),
                blocks = notices.Select(n => new { type = "section", text = new { type = "mrkdwn", text = $"*{Icon(n)} {n.In(language).Summary}*\n{n.In(language).Description}" + (n.Url is null ? "" : $"\n<{n.Url}|{open}>") } }),
            },
            "teams" => new Dictionary<string, object?>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = Headline(notices, wording, language),
                ["themeColor"] = notices.Any(n => n.Severity == "critical") ? "C4314B" : "E3A21A",
                ["title"] = Headline(notices, wording, language),
                ["sections"] = notices.Select(n => new { activityTitle = $"{Icon(n)} {n.In(language).Summary}", text = n.In(language).Description }),
                ["potentialAction"] = notices.Where(n => n.Url is not null).Take(1).Select(n => new
                {
                    @type = "OpenUri", name = open, targets = new[] { new { os = "default", uri = n.Url } },
                }),
            },
            // Every language stays in `texts`; summary and description are the channel's.
            _ => new { source = "cxmonitor", language, notices = notices.Select(n => n with { Summary = n.In(language).Summary, Description = n.In(language).Description }) },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
    }

    public static string Headline(IReadOnlyList<AlertNotice> notices, AlertWording wording, string language) => notices.Count == 1
        ? $"[{wording.Word(language, "notice." + notices[0].Severity)}] {wording.Word(language, "notice." + notices[0].Kind)}: {notices[0].In(language).Summary}"
        : wording.Word(language, "notice.several", new Dictionary<string, string>
        {
            ["count"] = notices.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["site"] = notices[0].Site is { } site ? wording.ScopeName("site:" + site, language) : wording.ScopeName(notices[0].Scope, language),
        });

    private static string Icon(AlertNotice n) => n.Kind switch
    {
        AlertNoticeKinds.Resolved => "✅",
        AlertNoticeKinds.Acknowledged => "👀",
        _ => n.Severity == "critical" ? "🔴" : n.Severity == "warning" ? "🟠" : "🔵",
    };
}
