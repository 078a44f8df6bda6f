using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Sites;

/// <summary>The <c>Sites</c> configuration array: sites inserted at start when missing.</summary>
public sealed class SiteSeedOptions
{
    public const string Section = "Sites";

    public List<SiteDefinition> Sites { get; } = [];
}

/// <summary>Checks every seed entry so that a typo stops the start with a message naming the
/// entry and the setting, e.g. <c>Sites:2:TimeZone (site 'riga-old-town'): …</c>.</summary>
internal sealed class SiteSeedValidation : IValidateOptions<SiteSeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteSeedOptions options)
    {
        var failures = new List<string>();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sites.Count; i++)
        {
            var entry = options.Sites[i];
            var label = entry.Id is { Length: > 0 } id ? $" (site '{id}')" : "";
            if (!entry.TryToSite(out var site, out var errors))
            {
                failures.AddRange(errors.Select(e => $"{SiteSeedOptions.Section}:{i}:{ConfigPath(e.Key)}{label}: {string.Join(" ", e.Value)}"));
                continue;
            }
            if (!firstIndexOfId.TryAdd(site!.Id, i))
                failures.Add($"{SiteSeedOptions.Section}:{i}:Id{label}: the id is already used by {SiteSeedOptions.Section}:{firstIndexOfId[site.Id]}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary><c>timeZone</c> → <c>TimeZone</c>, as the key is written in appsettings.</summary>
    private static string ConfigPath(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
