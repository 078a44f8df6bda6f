using System.Security.Claims;
using CxMonitor.Core.Text;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Alerts.Store;

namespace CxMonitor.Web.Access;

/// <summary>The one rule for personal data (contact details a customer typed, customer ids):
/// who may see it, and how it is masked everywhere else: API answers, the live hub, the wall
/// ticker and trend drill-downs all mask through here.</summary>
public static class PersonalData
{
    public const string CustomerMask = "[customer]";

    /// <summary>People who work alerts may need to call a customer back; keys, wall screens and
    /// executives (trends need no one's phone number) never see personal data.</summary>
    public static bool MaySee(ClaimsPrincipal user) =>
        user.IsInRole(UserRoles.Admin) || user.IsInRole(UserRoles.Manager) || user.IsInRole(UserRoles.Duty);

    /// <summary>E-mail addresses and phone numbers become <c>[email]</c> and <c>[phone]</c>.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text) => text is null ? null : TextMasking.Mask(text);

    public static AlertRecord Mask(AlertRecord alert)
    {
        var customer = alert.Values.GetValueOrDefault("customer");
        // A rule's summary may quote the customer id ({{customer}}): it is taken out wherever it appears.
        string Text(string text) => TextMasking.Mask(string.IsNullOrEmpty(customer) ? text : text.Replace(customer, CustomerMask, StringComparison.Ordinal));
        return alert with
        {
            Summary = Text(alert.Summary),
            Description = Text(alert.Description),
            Texts = alert.Texts.ToDictionary(t => t.Key, t => new CxMonitor.Web.Alerts.AlertText(Text(t.Value.Summary), Text(t.Value.Description))),
            // Only the free text is masked: a figure such as 0.8123456 would read as a phone number.
            Values = alert.Values.Where(v => v.Key != "customer").ToDictionary(v => v.Key, v => v.Key is "text" or "match" ? Text(v.Value) : v.Value),
        };
    }

    public static AlertTrigger Mask(AlertTrigger trigger) =>
        trigger with { Item = trigger.Item with { Customer = null, Text = Mask(trigger.Item.Text) } };

    public static AlertHistoryEntry Mask(AlertHistoryEntry entry) => entry with { Note = Mask(entry.Note) };

    /// <summary>The alerts as this caller may see them.</summary>
    public static IReadOnlyList<AlertRecord> For(ClaimsPrincipal user, IReadOnlyList<AlertRecord> alerts) =>
        MaySee(user) ? alerts : [.. alerts.Select(Mask)];
}
