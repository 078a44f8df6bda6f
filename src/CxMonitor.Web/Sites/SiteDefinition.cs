using System.Text.RegularExpressions;

namespace CxMonitor.Web.Sites;

/// <summary>A site as written in configuration (<c>Sites</c> section) or posted to the API,
/// before validation.</summary>
public sealed partial class SiteDefinition
{
    public const int MaxNameLength = 200;

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? TimeZone { get; set; }

    public Dictionary<string, string?>? OpeningHours { get; set; }

    /// <summary>Validates every field; errors are keyed by the field's JSON name (<c>timeZone</c>)
    /// and say what was expected; opening-hours errors start with the weekday they concern.</summary>
    public bool TryToSite(out Site? site, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(Id))
            errors["id"] = ["Required: a lower-case slug such as 'berlin-alexanderplatz'."];
        else if (!IdPattern().IsMatch(Id))
            errors["id"] = [$"'{Id}' is not a site id: use 1-64 lower-case letters, digits and '-', starting with a letter or digit."];

        if (string.IsNullOrWhiteSpace(Name))
            errors["name"] = ["Required: the name people see, e.g. 'Berlin Alexanderplatz'."];
        else if (Name.Length > MaxNameLength)
            errors["name"] = [$"Is {Name.Length} characters long; at most {MaxNameLength} are allowed."];

        if (string.IsNullOrWhiteSpace(TimeZone))
            errors["timeZone"] = ["Required: an IANA time zone id such as 'Europe/Berlin'."];
        else if (!IsKnownTimeZone(TimeZone))
            errors["timeZone"] = [$"'{TimeZone}' is not a known IANA time zone id (e.g. 'Europe/Berlin', 'America/New_York')."];

        OpeningHours? hours = null;
        if (OpeningHours is null)
            errors["openingHours"] = ["Required: each weekday's hours, e.g. {\"Mon\": \"09:00-21:00\", \"Sun\": \"closed\"}; a missing weekday is closed."];
        else if (!Sites.OpeningHours.TryParse(OpeningHours, out hours, out var hourErrors))
            errors["openingHours"] = hourErrors.Select(e => e.ToString()).ToArray();

        site = errors.Count == 0 ? new Site(Id!, Name!.Trim(), TimeZone!, hours!) : null;
        return site is not null;
    }

    public static SiteDefinition From(Site site) => new()
    {
        Id = site.Id,
        Name = site.Name,
        TimeZone = site.TimeZone,
        OpeningHours = site.OpeningHours.ToDictionary().ToDictionary(d => d.Key, d => (string?)d.Value),
    };

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    private static bool IsKnownTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex IdPattern();
}
