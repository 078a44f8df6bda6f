using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources.Webhook;

namespace CxMonitor.Web.Tests.Feeds.Sources.Webhook;

public class PushBodies
{
    [Fact]
    public void A_pushed_batch_is_read_field_by_field()
    {
        const string json = """
            {"reviews":[
              {"externalId":"r-1","time":"2026-11-22T09:15:00+02:00","stars":4,"title":"Добре","text":"<p>Смачно</p>",
               "author":"Олег","url":"https://partner.example.com/r/1","language":"uk","deleted":false,"site":"kyiv-1"},
              {"externalId":"r-2","deleted":true}
            ]}
            """;

        var page = FeedPushBody.Parse(json);

        Assert.Empty(page.Errors);
        Assert.Equal(new FeedReview("r-1", SampleFiles.Utc("2026-11-22T07:15:00Z"), 4, "Добре", "<p>Смачно</p>", "Олег",
            "https://partner.example.com/r/1", "uk", false, "kyiv-1"), page.Reviews[0]);
        Assert.True(page.Reviews[1].Deleted);
    }

    [Fact]
    public void Bad_items_are_errors_naming_the_field_and_good_ones_are_kept()
    {
        const string json = """
            {"reviews":[
              {"externalId":"r-1","stars":"five"},
              {"stars":3},
              {"externalId":"r-3","deleted":"yes"},
              {"externalId":"r-4","time":"tomorrow"},
              {"externalId":"r-5","stars":5}
            ]}
            """;

        var page = FeedPushBody.Parse(json);

        Assert.Equal("r-5", Assert.Single(page.Reviews).ExternalId);
        Assert.Equal(["reviews[0].stars", "reviews[1].externalId", "reviews[2].deleted", "reviews[3].time"], page.Errors.Select(e => e.Path));
        Assert.Equal("the string \"five\" is not a number of stars", page.Errors[0].Error);
    }

    [Fact]
    public void A_body_without_a_reviews_list_is_refused()
    {
        Assert.Throws<FeedFormatException>(() => FeedPushBody.Parse("""{"review":{"externalId":"r-1"}}"""));
    }
}
