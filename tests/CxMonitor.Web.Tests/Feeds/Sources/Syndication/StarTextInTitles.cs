using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Tests.Feeds.Sources.Syndication;

/// <summary>The stars read from a title leave the title: what remains is the reviewer's words.</summary>
public class StarTextInTitles
{
    [Fact]
    public void Star_text_read_as_stars_is_stripped_from_atom_titles()
    {
        var page = SyndicationParser.Parse(SampleFiles.Text("atom-star-titles.xml"), FeedPresets.Atom.Syndication!);

        Assert.Empty(page.Errors);
        Assert.Equal(
            [
                (1, "Waited an hour, cold food"), (4, "Lovely view, slow kitchen"), (5, null), (2, "Дорого і довго"),
                (3, "Nice staff"), (4, "would come again"),
            ],
            page.Reviews.Select(r => (r.Stars!.Value, r.Title)));
    }

    [Theory]
    [InlineData("Best 10/10")]
    [InlineData("★★★ party")]
    [InlineData("Table for 4 out of 6 of us")]
    public void A_title_without_stars_is_kept_whole(string title)
    {
        var xml = $"""<rss version="2.0"><channel><item><guid>r-1</guid><title>{title}</title></item></channel></rss>""";

        Assert.Equal(title, Assert.Single(SyndicationParser.Parse(xml, FeedPresets.Rss.Syndication!).Reviews).Title);
    }

    [Fact]
    public void Stars_read_from_the_text_leave_the_text_alone()
    {
        const string xml = """<rss version="2.0"><channel><item><guid>r-1</guid><title>Cold coffee</title><description>Оценка 2 из 5. Капучино был холодный.</description></item></channel></rss>""";

        var review = Assert.Single(SyndicationParser.Parse(xml, FeedPresets.Rss.Syndication!).Reviews);

        Assert.Equal((2, "Cold coffee", "Оценка 2 из 5. Капучино был холодный."), (review.Stars!.Value, review.Title, review.Text));
    }
}
