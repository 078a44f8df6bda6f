using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Tests.Feeds.Sources.Syndication;

public class AtomAndRssFeeds
{
    [Fact]
    public void The_atom_preset_reads_the_atom_sample_with_stars_from_titles_and_content()
    {
        var page = SyndicationParser.Parse(SampleFiles.Text("atom.xml"), FeedPresets.Get("atom").Syndication!);

        Assert.Empty(page.Errors);
        Assert.Equal(3, page.Reviews.Count);
        Assert.Equal("https://reviews.example.com/business/blue-door-coffee/feed.atom?page=2", page.NextPageUrl);
        var (english, russian, ukrainian) = (page.Reviews[0], page.Reviews[1], page.Reviews[2]);

        Assert.Equal("tag:reviews.example.com,2026:review/5f3c2a91-7d4e-4b8a-9c61-0e2f8a7b3d14", english.ExternalId);
        Assert.Equal(4, english.Stars);
        Assert.Equal(SampleFiles.Utc("2026-11-21T17:58:03Z"), english.Time);
        Assert.Equal("Sarah Mitchell", english.Author);
        Assert.Equal("https://reviews.example.com/reviews/5f3c2a91", english.Url);
        Assert.Equal("en", english.Language);
        Assert.Contains("<b>two minutes</b>", english.Text);

        // Edited: updated wins over published.
        Assert.Equal(SampleFiles.Utc("2026-11-20T18:05:10Z"), russian.Time);
        Assert.Equal(2, russian.Stars);
        Assert.Equal("Алексей Иванов", russian.Author);
        Assert.Equal("ru", russian.Language);
        Assert.Contains("Капучино был холодный", russian.Text);

        Assert.Equal(5, ukrainian.Stars);
        Assert.Equal(SampleFiles.Utc("2026-11-18T08:00:00Z"), ukrainian.Time);
        Assert.Equal("Завжди свіжа випічка, а бариста пам'ятає моє замовлення.", ukrainian.Text);
        Assert.Equal("uk", ukrainian.Language);
    }

    [Fact]
    public void The_rss_preset_reads_the_rss_sample_with_rfc_822_dates_and_named_zones()
    {
        var page = SyndicationParser.Parse(SampleFiles.Text("rss.xml"), FeedPresets.Get("rss").Syndication!);

        Assert.Empty(page.Errors);
        Assert.Equal(["otzyvy-review-9184731", "https://otzyvy.example.ru/review/9184102", "otzyvy-review-9183377"],
            page.Reviews.Select(r => r.ExternalId));
        Assert.Equal([4, 5, 3], page.Reviews.Select(r => r.Stars));
        Assert.Equal([SampleFiles.Utc("2026-11-21T15:42:10Z"), SampleFiles.Utc("2026-11-20T14:05:00Z"), SampleFiles.Utc("2026-11-19T14:30:00Z")],
            page.Reviews.Select(r => r.Time!.Value));
        Assert.Equal(["Наталья Петрова", "James Brown", "Андрій Мельник"], page.Reviews.Select(r => r.Author));
        Assert.All(page.Reviews, r => Assert.Equal("ru", r.Language));
        Assert.Equal("<p>Уютно, вкусные <strong>сырники</strong>. Вечером очень шумно.</p>", page.Reviews[0].Text);
        Assert.Equal("https://otzyvy.example.ru/review/9183377", page.Reviews[2].Url);
        Assert.Null(page.NextPageUrl);
    }

    [Fact]
    public void An_entry_without_an_id_is_an_error_naming_its_path_and_the_other_entries_are_kept()
    {
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>urn:review:1</id><title>Fine</title></entry>
              <entry><title>Who am I</title></entry>
              <entry><id>urn:review:3</id><updated>yesterday</updated></entry>
              <entry><id>urn:review:4</id></entry>
            </feed>
            """;

        var page = SyndicationParser.Parse(xml, new SyndicationOptions());

        Assert.Equal(["urn:review:1", "urn:review:4"], page.Reviews.Select(r => r.ExternalId));
        Assert.Equal([(1, "entry[1].id"), (2, "entry[2].updated")], page.Errors.Select(e => (e.Index, e.Path)));
        Assert.Contains("'yesterday' is not an RFC 3339 time", page.Errors[1].Error);
    }

    [Fact]
    public void An_rss_item_without_guid_falls_back_to_its_link_and_one_with_neither_is_an_error()
    {
        const string xml = """
            <rss version="2.0"><channel><title>t</title>
              <item><link>https://example.com/r/1</link><pubDate>Tue, 10 Jun 2003 04:00:00 +0300</pubDate></item>
              <item><title>no id</title></item>
              <item><guid>r-3</guid><pubDate>sometime</pubDate></item>
            </channel></rss>
            """;

        var page = SyndicationParser.Parse(xml, new SyndicationOptions());

        var review = Assert.Single(page.Reviews);
        Assert.Equal("https://example.com/r/1", review.ExternalId);
        Assert.Equal(SampleFiles.Utc("2003-06-10T01:00:00Z"), review.Time);
        Assert.Equal(["item[1].guid", "item[2].pubDate"], page.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Malformed_xml_is_a_feed_format_error_that_says_so()
    {
        var error = Assert.Throws<FeedFormatException>(() =>
            SyndicationParser.Parse("<rss><channel><item><title>open", new SyndicationOptions()));

        Assert.Contains("not well-formed XML", error.Message);
    }

    [Fact]
    public void A_document_that_is_neither_rss_nor_atom_is_refused_naming_its_root()
    {
        var error = Assert.Throws<FeedFormatException>(() => SyndicationParser.Parse("<html><body/></html>", new SyndicationOptions()));

        Assert.Contains("<html>", error.Message);
    }
}
