using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Json;

namespace CxMonitor.Web.Tests.Feeds.Sources.Json;

public class JsonApiPresets
{
    [Fact]
    public void Google_business_reviews_are_read_with_their_update_time_and_word_ratings()
    {
        var page = JsonReviewParser.Parse(SampleFiles.Text("google-business.json"), FeedPresets.Get("google-business").Json!);

        Assert.Empty(page.Errors);
        Assert.Equal("ABHRLXV2mQkYp7TnVvS1dN9c0RfX3L8wZbJqE6uGhI4a", page.NextPageToken);
        Assert.Equal([5, 2, 4, 1], page.Reviews.Select(r => r.Stars));
        Assert.Equal(["Emily Carter", "Дмитрий Соколов", "Олена Коваленко", "A Google User"], page.Reviews.Select(r => r.Author));
        var edited = page.Reviews[1];
        Assert.Equal("ChdDSUhNMG9nS0VJQ0FnSUR6bk5QX1lREAE", edited.ExternalId);
        // Nanoseconds beyond .NET's 100 ns ticks are dropped, not refused.
        Assert.Equal(SampleFiles.Utc("2026-11-20T10:12:45.9988776Z"), edited.Time);
        Assert.StartsWith("Ждали заказ 40 минут", edited.Text);
        Assert.StartsWith("Смачна кава і привітний персонал.", page.Reviews[2].Text);
        Assert.Null(page.Reviews[3].Text);
    }

    [Fact]
    public void A_google_location_without_reviews_is_an_empty_page()
    {
        var page = JsonReviewParser.Parse("""{ "averageRating": 0, "totalReviewCount": 0 }""", FeedPresets.GoogleBusiness.Json!);

        Assert.Empty(page.Reviews);
        Assert.Empty(page.Errors);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public void Apple_reviews_are_read_and_the_app_entry_that_opens_the_feed_is_skipped()
    {
        var page = JsonReviewParser.Parse(SampleFiles.Text("apple-appstore.json"), FeedPresets.Get("apple-appstore").Json!);

        Assert.Empty(page.Errors);
        Assert.Equal(["11873920465", "11869012377", "11861234590"], page.Reviews.Select(r => r.ExternalId));
        Assert.Equal([5, 1, 4], page.Reviews.Select(r => r.Stars));
        Assert.Equal(SampleFiles.Utc("2026-11-21T10:14:07Z"), page.Reviews[0].Time);
        Assert.Equal("Зручно й швидко", page.Reviews[0].Title);
        Assert.Equal("Марина К.", page.Reviews[1].Author);
        Assert.StartsWith("После версии 4.12 приложение", page.Reviews[1].Text);
        Assert.Equal("https://itunes.apple.com/ua/reviews/id552210987", page.Reviews[2].Url);
        Assert.Equal("https://itunes.apple.com/ua/rss/customerreviews/page=2/id=1481234567/sortby=mostrecent/xml?urlDesc=/customerreviews/id=1481234567/sortby=mostrecent/json",
            page.NextPageUrl);
    }

    [Fact]
    public void An_apple_page_of_one_review_holds_an_object_where_the_list_would_be()
    {
        const string json = """{"feed":{"entry":{"id":{"label":"42"},"im:rating":{"label":"3"},"updated":{"label":"2026-11-01T00:00:00-07:00"}}}}""";

        var review = Assert.Single(JsonReviewParser.Parse(json, FeedPresets.AppleAppStore.Json!).Reviews);

        Assert.Equal(("42", 3), (review.ExternalId, review.Stars));
    }

    [Fact]
    public void Yelp_reviews_are_read_with_zone_less_times_as_utc_and_the_next_offset_as_token()
    {
        var mapping = FeedPresets.Get("yelp-fusion").Json!;

        var page = JsonReviewParser.Parse(SampleFiles.Text("yelp-fusion.json"), mapping);

        Assert.Empty(page.Errors);
        Assert.Equal(["xAG4O7l-t1ubbwVAlPnDKg", "1JNmYjJgVkAZsxuRLIovBQ", "Pa3H1kTTbA5sVZHeoNd0sg"], page.Reviews.Select(r => r.ExternalId));
        Assert.Equal([5, 3, 4], page.Reviews.Select(r => r.Stars));
        Assert.Equal(SampleFiles.Utc("2026-11-20T16:22:08Z"), page.Reviews[0].Time);
        Assert.Equal(["Ella A.", "Ivan P.", "Oksana M."], page.Reviews.Select(r => r.Author));
        Assert.StartsWith("Хороший кофе", page.Reviews[1].Text);
        Assert.StartsWith("Найкращий круасан", page.Reviews[2].Text);
        Assert.Contains("hrid=xAG4O7l-t1ubbwVAlPnDKg", page.Reviews[0].Url);
        Assert.Equal("3", page.NextPageToken);
        Assert.Null(JsonReviewParser.Parse(SampleFiles.Text("yelp-fusion.json"), mapping, offset: 84).NextPageToken);
    }
}
