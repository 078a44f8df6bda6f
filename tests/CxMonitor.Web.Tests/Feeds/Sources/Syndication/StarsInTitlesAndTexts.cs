using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Tests.Feeds.Sources.Syndication;

public class StarsInTitlesAndTexts
{
    static string Rss(string title, string extra = "", string ns = "") =>
        $"""<rss version="2.0"{ns}><channel><item><guid>r-1</guid><title>{title}</title>{extra}</item></channel></rss>""";

    [Theory]
    [InlineData("Rated 4 out of 5", 4)]
    [InlineData("rated 4.0 out of 5 stars", 4)]
    [InlineData("★★★★☆ Cosy", 4)]
    [InlineData("★★★★★", 5)]
    [InlineData("★☆☆☆☆ never again", 1)]
    [InlineData("Оценка 2 из 5", 2)]
    [InlineData("Оцінка 4 з 5", 4)]
    [InlineData("Оцінка: 3 із 5", 3)]
    [InlineData("Great coffee 4/5", 4)]
    [InlineData("3 stars, could be better", 3)]
    [InlineData("5 звёзд!", 5)]
    [InlineData("4 зірки", 4)]
    public void Stars_are_read_from_the_title(string title, int stars)
    {
        var page = SyndicationParser.Parse(Rss(title), new SyndicationOptions { StarsFrom = StarsSource.Title });

        Assert.Equal(stars, Assert.Single(page.Reviews).Stars);
    }

    [Theory]
    [InlineData("Best 10/10")]
    [InlineData("★★★")]
    [InlineData("Table for 4 out of 6 of us")]
    [InlineData("No rating here")]
    public void A_title_without_a_rating_out_of_five_has_no_stars(string title)
    {
        var page = SyndicationParser.Parse(Rss(title), new SyndicationOptions { StarsFrom = StarsSource.Title });

        Assert.Null(Assert.Single(page.Reviews).Stars);
    }

    [Fact]
    public void Stars_are_not_looked_for_where_the_options_do_not_say()
    {
        var page = SyndicationParser.Parse(Rss("Rated 4 out of 5"), new SyndicationOptions { StarsFrom = StarsSource.Content });

        Assert.Null(Assert.Single(page.Reviews).Stars);
    }

    [Fact]
    public void A_prefixed_rating_element_gives_the_stars()
    {
        var xml = Rss("Rated 1 out of 5", "<review:rating>4</review:rating>", " xmlns:review=\"https://example.com/ns/review\"");

        var page = SyndicationParser.Parse(xml, new SyndicationOptions { StarsElement = "review:rating", StarsFrom = StarsSource.Title });

        Assert.Equal(4, Assert.Single(page.Reviews).Stars);
    }

    [Fact]
    public void A_rating_element_that_is_not_a_number_is_an_error_naming_it()
    {
        var page = SyndicationParser.Parse(Rss("t", "<rating>great</rating>"), new SyndicationOptions { StarsElement = "rating" });

        Assert.Empty(page.Reviews);
        var error = Assert.Single(page.Errors);
        Assert.Equal("item[0].rating", error.Path);
        Assert.Contains("'great'", error.Error);
    }

    [Fact]
    public void A_custom_pattern_is_tried_before_the_built_in_ones()
    {
        var options = new SyndicationOptions { StarsFrom = StarsSource.Title, StarsPattern = @"Score:\s*(?<stars>\d)" };

        var page = SyndicationParser.Parse(Rss("Score: 3 (was 5/5 last year)"), options);

        Assert.Equal(3, Assert.Single(page.Reviews).Stars);
    }

    [Fact]
    public void A_custom_pattern_without_a_stars_group_is_refused()
    {
        var options = new SyndicationOptions { StarsFrom = StarsSource.Title, StarsPattern = @"Score:\s*(\d)" };

        var error = Assert.Throws<ArgumentException>(() => SyndicationParser.Parse(Rss("Score: 3"), options));

        Assert.Contains("'stars'", error.Message);
    }
}
