using System.Text.Json;

namespace CxMonitor.Web.Tests.Feeds;

/// <summary>Pages in the Google Business Profile reviews format, with recent times.</summary>
internal static class GoogleReviewsPage
{
    public static string Of(IEnumerable<(string Id, string Stars, string Comment)> reviews, string? nextPageToken = null, TimeSpan? age = null)
    {
        var time = DateTimeOffset.UtcNow - (age ?? TimeSpan.FromHours(1));
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["reviews"] = reviews.Select(r => new
            {
                reviewId = r.Id,
                reviewer = new { displayName = "Guest " + r.Id },
                starRating = r.Stars,
                comment = r.Comment,
                createTime = time.ToString("O"),
                updateTime = time.ToString("O"),
            }).ToArray(),
            ["nextPageToken"] = nextPageToken,
        });
    }

    public static (string, string, string)[] Three(string prefix) =>
        [($"{prefix}-1", "FIVE", "Great coffee"), ($"{prefix}-2", "ONE", "Очень грубый персонал"), ($"{prefix}-3", "FOUR", "Смачна кава, дякую")];
}
