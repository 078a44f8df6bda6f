using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

/// <summary>Stops the app at start on a feed that cannot work, naming the setting.</summary>
public sealed partial class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions o)
    {
        var failures = new List<string>();
        foreach (var (feed, d) in o.Sources)
        {
            var key = $"Feeds:Sources:{feed}";
            if (!FeedName().IsMatch(feed))
                failures.Add($"{key}: a feed name may contain lower-case letters, digits, '.', '_' and '-' only.");
            try
            {
                var format = FeedFormat.Of(feed, d);
                if (!format.PushOnly && !Uri.TryCreate(d.Url, UriKind.Absolute, out var url) | url is { Scheme: not ("http" or "https") })
                    failures.Add($"{key}:Url: an absolute http(s) address is required, got '{d.Url}'.");
                if (format.PushOnly && string.IsNullOrWhiteSpace(d.Secret))
                    failures.Add($"{key}:Secret: a webhook feed needs the shared secret its platform signs with.");
                if (!PlatformName().IsMatch(format.Platform))
                    failures.Add($"{key}:Platform: must be a lower-case code of letters, digits, '.', '_' or '-', got '{format.Platform}'.");
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex.Message);
            }
            if (string.IsNullOrWhiteSpace(d.Site))
                failures.Add($"{key}:Site: the site the feed's reviews belong to is required.");
            if (d.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                failures.Add($"{key}:TimeZone: '{d.TimeZone}' is not a known IANA time zone id (e.g. 'America/Los_Angeles', 'Europe/Kyiv').");
            if (d.Every < TimeSpan.FromSeconds(1))
                failures.Add($"{key}:Every: must be at least a second, got '{d.Every}'.");
            else if (Jobs.JobSchedule.IntervalError(d.Every, $"{key}:Every") is { } everyError)
                failures.Add(everyError);
        }
        if (o.MaxPagesPerPoll < 1)
            failures.Add("Feeds:MaxPagesPerPoll: must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex FeedName();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex PlatformName();
}
