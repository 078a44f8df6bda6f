using System.Diagnostics;
using System.Text;
using CxMonitor.Web.Feeds.Sources.Csv;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Feeds.Sources.Csv;

public class LargeCsvImports(ITestOutputHelper output)
{
    [Fact]
    public void A_hundred_thousand_rows_are_all_read()
    {
        const int count = 100_000;
        var csv = new StringBuilder("review_id,created,rating,title,body,reviewer,link,lang,store\r\n");
        for (var i = 0; i < count; i++)
            csv.Append("rv-").Append(i).Append(",2026-11-").Append(1 + i % 28).Append("T10:").Append(i % 60 / 10).Append(i % 10)
               .Append(":00Z,").Append(1 + i % 5).Append(",Visit ").Append(i)
               .Append(",\"Coffee was hot, staff said \"\"hi\"\"; очень вкусно\",Reviewer ").Append(i % 977)
               .Append(",https://reviews.example.com/r/").Append(i).Append(",en,site-").Append(i % 40).Append("\r\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var mapping = new CsvReviewMapping
        {
            Id = "review_id", Time = "created", Stars = "rating", Title = "title", Text = "body",
            Author = "reviewer", Url = "link", Language = "lang", Site = "store",
        };

        var clock = Stopwatch.StartNew();
        var (reviews, errors, lastId) = (0, 0, "");
        foreach (var row in CsvReviewReader.Read(new MemoryStream(bytes), mapping))
        {
            if (row.Review is { } review) { reviews++; lastId = review.ExternalId; }
            else errors++;
        }
        clock.Stop();

        Assert.Equal((count, 0, "rv-99999"), (reviews, errors, lastId));
        output.WriteLine($"{count / clock.Elapsed.TotalSeconds:N0} rows/s ({bytes.Length / 1e6 / clock.Elapsed.TotalSeconds:N0} MB/s)");
    }
}
