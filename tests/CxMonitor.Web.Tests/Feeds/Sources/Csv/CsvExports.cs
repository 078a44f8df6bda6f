using System.Text;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Csv;

namespace CxMonitor.Web.Tests.Feeds.Sources.Csv;

public class CsvExports
{
    static readonly CsvReviewMapping Simple = new() { Id = "id", Time = "time", Stars = "stars", Text = "text", Site = "site" };

    static Stream Bytes(string text, Encoding encoding) =>
        new MemoryStream([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

    [Fact]
    public void The_google_play_export_in_utf_16_is_read_with_ids_from_package_and_submit_time()
    {
        using var csv = SampleFiles.Open("google-play.csv");

        var rows = CsvReviewReader.Read(csv, FeedPresets.Get("google-play-csv").Csv!).ToList();

        Assert.All(rows, r => Assert.Null(r.Error));
        var reviews = rows.Select(r => r.Review!).ToList();
        Assert.Equal(["com.example.cxshop/1793693565000", "com.example.cxshop/1793907602000", "com.example.cxshop/1794312000000", "com.example.cxshop/1794517397000"],
            reviews.Select(r => r.ExternalId));
        Assert.Equal([5, 2, 4, 3], reviews.Select(r => r.Stars));
        Assert.Equal(["en", "ru", "uk", "en"], reviews.Select(r => r.Language));
        // The edited review carries its last update, not its first submission.
        Assert.Equal(SampleFiles.Utc("2026-11-07T06:15:30Z"), reviews[1].Time);
        Assert.Equal("Приложение вылетает при оплате.\r\nОбновлено: после переустановки стало лучше, но \"Избранное\" пропало.".Replace("\r\n", "\n"), reviews[1].Text);
        Assert.Equal("Зручно замовляти заздалегідь, бракує темної теми.", reviews[2].Text);
        Assert.EndsWith("reviewId=gp:AOqpTOFx3kVb8WnQ2rT9yZ1cL5mH7dJ0sGa4eUiKpXo&corpus=PUBLIC_REVIEWS", reviews[0].Url);
        Assert.Null(reviews[3].Text);
        Assert.Null(reviews[3].Url);
        Assert.Equal([2, 3, 5, 6], rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("utf-16BE")]
    [InlineData("utf-16")]
    [InlineData("utf-8")]
    public void A_tab_separated_file_is_recognised_by_its_header_in_any_encoding_with_a_byte_order_mark(string encodingName)
    {
        const string tsv = "id\ttime\tstars\ttext\tsite\r\nr-1\t2026-11-01T10:00:00Z\t4\tЧудово, дякую\tkyiv-1\r\n";

        var row = Assert.Single(CsvReviewReader.Read(Bytes(tsv, Encoding.GetEncoding(encodingName)), Simple));

        Assert.Equal(new FeedReview("r-1", SampleFiles.Utc("2026-11-01T10:00:00Z"), 4, null, "Чудово, дякую", null, null, null, false, "kyiv-1"), row.Review);
    }

    [Fact]
    public void A_quoted_field_may_hold_delimiters_line_breaks_and_doubled_quotes()
    {
        const string csv = "id,time,stars,text,site\n1,,5,\"Said \"\"wow\"\",\nthen left, happy\",a\n2,,3,plain,b\n";

        var rows = CsvReviewReader.Read(Bytes(csv, new UTF8Encoding(false)), Simple).ToList();

        Assert.Equal("Said \"wow\",\nthen left, happy", rows[0].Review!.Text);
        Assert.Equal(("2", "plain", 4), (rows[1].Review!.ExternalId, rows[1].Review!.Text, rows[1].Line));
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_is_a_format_error_listing_the_header()
    {
        const string csv = "id,when,stars,text,site\n1,2026-11-01,5,ok,a\n";

        var error = Assert.Throws<FeedFormatException>(() => CsvReviewReader.Read(Bytes(csv, Encoding.UTF8), Simple).ToList());

        Assert.Equal("Column 'time' is not in the CSV header; the header has: 'id', 'when', 'stars', 'text', 'site'.", error.Message);
    }

    [Fact]
    public void Bad_rows_are_errors_with_their_line_and_the_good_rows_around_them_are_kept()
    {
        const string csv = "id,time,stars,text,site\n1,,5,ok,a\n2,,five,bad,a\n3,,4\n4,2026-13-45,4,bad,a\n,,4,no id,a\n6,,1,ok,a\n";

        var rows = CsvReviewReader.Read(Bytes(csv, Encoding.UTF8), Simple).ToList();

        Assert.Equal(["1", "6"], rows.Where(r => r.Review is not null).Select(r => r.Review!.ExternalId));
        Assert.Equal([(1, "stars"), (2, "line 4"), (3, "time"), (4, "id")], rows.Where(r => r.Error is not null).Select(r => (r.Error!.Index, r.Error.Path)));
        Assert.StartsWith("line 3: 'five' is not a number of stars", rows[1].Error!.Error);
    }

    [Fact]
    public void A_file_whose_last_quoted_field_never_closes_is_a_format_error_naming_the_line()
    {
        const string csv = "id,time,stars,text,site\n1,,5,\"runaway,a\n";

        var error = Assert.Throws<FeedFormatException>(() => CsvReviewReader.Read(Bytes(csv, Encoding.UTF8), Simple).ToList());

        Assert.Contains("Line 2", error.Message);
    }
}
