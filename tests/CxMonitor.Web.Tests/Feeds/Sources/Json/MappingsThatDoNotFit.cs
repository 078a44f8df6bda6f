using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Json;

namespace CxMonitor.Web.Tests.Feeds.Sources.Json;

public class MappingsThatDoNotFit
{
    static string Review(string id, string stars) => $$"""{"reviewId":"{{id}}","starRating":"{{stars}}","updateTime":"2026-11-01T10:00:00Z"}""";

    [Fact]
    public void A_value_outside_the_stars_values_is_an_error_naming_the_item_path()
    {
        var json = $$"""{"reviews":[{{Review("a", "FIVE")}},{{Review("b", "FOUR")}},{{Review("c", "SIX")}}]}""";

        var page = JsonReviewParser.Parse(json, FeedPresets.GoogleBusiness.Json!);

        Assert.Equal(["a", "b"], page.Reviews.Select(r => r.ExternalId));
        var error = Assert.Single(page.Errors);
        Assert.Equal((2, "reviews[2].starRating"), (error.Index, error.Path));
        Assert.Equal("\"SIX\" is not one of ONE, TWO, THREE, FOUR, FIVE", error.Error);
    }

    [Fact]
    public void A_list_path_that_is_not_in_the_document_is_a_format_error_naming_it()
    {
        var mapping = new JsonReviewMapping { List = "reviews", Id = "id" };

        var error = Assert.Throws<FeedFormatException>(() => JsonReviewParser.Parse("""{"data":[]}""", mapping));

        Assert.Equal("List path 'reviews' not found in the document.", error.Message);
    }

    [Fact]
    public void A_field_mapped_to_an_object_instead_of_its_text_is_an_error_naming_the_path()
    {
        // A typical slip with Apple's feed: "title" instead of "title.label".
        var mapping = new JsonReviewMapping { List = "feed.entry", Id = "id.label", Title = "title" };
        const string json = """{"feed":{"entry":[{"id":{"label":"1"},"title":{"label":"Nice"}}]}}""";

        var error = Assert.Single(JsonReviewParser.Parse(json, mapping).Errors);

        Assert.Equal("feed.entry[0].title", error.Path);
        Assert.Equal("expected text, found an object", error.Error);
    }

    [Fact]
    public void An_item_without_an_id_and_one_with_a_bad_time_are_errors_and_the_rest_are_kept()
    {
        var mapping = new JsonReviewMapping { List = "items", Id = "id", Time = "at" };
        const string json = """{"items":[{"at":"2026-11-01T00:00:00Z"},{"id":7,"at":"last week"},{"id":8,"at":1793693565}]}""";

        var page = JsonReviewParser.Parse(json, mapping);

        Assert.Equal(["items[0].id", "items[1].at"], page.Errors.Select(e => e.Path));
        var review = Assert.Single(page.Reviews);
        Assert.Equal(("8", SampleFiles.Utc("2026-11-03T08:12:45Z")), (review.ExternalId, review.Time));
    }

    [Fact]
    public void Text_that_is_not_json_is_a_format_error()
    {
        Assert.Throws<FeedFormatException>(() => JsonReviewParser.Parse("<html>", FeedPresets.YelpFusion.Json!));
    }

    [Theory]
    [InlineData("entry[1].im:rating.label", "4")]
    [InlineData("entry[1][\"im:rating\"].label", "4")]
    [InlineData("link[attributes.rel=next].attributes.href", "p2")]
    [InlineData("link[attributes.rel=\"self\"].attributes.href", "p1")]
    public void Paths_reach_indexes_colon_names_and_matched_elements(string path, string expected)
    {
        const string json = """
            {"entry":[{"id":"x"},{"id":"r1","im:rating":{"label":"4"}}],
             "link":[{"attributes":{"rel":"self","href":"p1"}},{"attributes":{"rel":"next","href":"p2"}}]}
            """;
        var mapping = new JsonReviewMapping { List = "entry", Id = "id", NextPageToken = path };

        Assert.Equal(expected, JsonReviewParser.Parse(json, mapping).NextPageToken);
    }

    [Fact]
    public void A_path_with_an_unclosed_bracket_is_refused()
    {
        var mapping = new JsonReviewMapping { List = "reviews[0", Id = "id" };

        Assert.Throws<ArgumentException>(() => JsonReviewParser.Parse("{}", mapping));
    }
}
