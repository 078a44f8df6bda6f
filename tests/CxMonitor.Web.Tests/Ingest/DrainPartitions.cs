using System.Text;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Tests.Ingest;

public class DrainPartitions
{
    [Fact]
    public void Every_line_of_a_series_lands_in_one_part_in_its_original_order_and_no_line_is_lost()
    {
        var lines = Enumerable.Range(0, 3000)
            .Select(i => $"review,platform=p{i % 37},site=s\\ {i % 5} stars={i % 5}i,text=\"a b, c=d\" {1_000_000 + i}")
            .ToArray();
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var parts = SeriesPartitions.Split(body, 2);

        var received = parts.SelectMany(p => Encoding.UTF8.GetString(p.Body, 0, p.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(lines.Length, parts.Sum(p => p.Lines));
        Assert.Equal(lines.Order(), received.Order());
        Assert.All(parts, p => Assert.InRange(p.Lines, 600, 2400));
        foreach (var part in parts)
        {
            var partLines = Encoding.UTF8.GetString(part.Body, 0, part.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var series in partLines.GroupBy(l => l[..l.IndexOf(" stars", StringComparison.Ordinal)]))
            {
                // The whole series is here, in the order it was spooled.
                Assert.Equal(lines.Where(l => l.StartsWith(series.Key + " ", StringComparison.Ordinal)), series);
            }
        }
    }

    [Fact]
    public void A_record_of_ratings_goes_whole_into_the_lightest_part_and_reviews_still_keep_their_series_together()
    {
        // Records as the spool holds them: requests of ratings (one series per rating of the
        // same site, comments with line breaks), and reviews with edits of one point in between.
        var random = new Random(19);
        var records = new List<string[]>();
        for (var r = 0; r < 40; r++)
        {
            records.Add(r % 5 == 2
                ? Enumerable.Range(0, random.Next(1, 30)).Select(i => $"review,platform=p{i % 3},site=s{i % 4} stars={r % 5}i,text=\"edit {r}\" {1_000 + i}").ToArray()
                : Enumerable.Range(0, random.Next(1, 300)).Select(i => $"rating,scale=csat5,site=s{i % 6} score=4i,id=\"r{r}-{i}\",comment=\"two\nlines\" {2_000_000 + (r * 1000) + i}").ToArray());
        }
        var body = new StringBuilder();
        var spans = new List<SpooledRecord>();
        foreach (var lines in records)
        {
            if (body.Length > 0)
                body.Append('\n');
            var text = string.Join('\n', lines);
            spans.Add(new SpooledRecord(Encoding.UTF8.GetByteCount(body.ToString()), Encoding.UTF8.GetByteCount(text), lines.Length));
            body.Append(text);
        }
        var parts = new (byte[] Body, int Length, int Lines)[2];

        SeriesPartitions.Split(new SpoolBatch(Encoding.UTF8.GetBytes(body.ToString()), records.Sum(r => r.Length), 0, new SpoolPosition(1, 1), null, [.. spans]), parts);

        var texts = parts.Select(p => Encoding.UTF8.GetString(p.Body, 0, p.Length)).ToArray();
        Assert.Equal(records.Sum(r => r.Length), parts.Sum(p => p.Lines));
        foreach (var ratings in records.Where(r => r[0].StartsWith("rating", StringComparison.Ordinal)))
            Assert.Single(texts, t => t.Contains(string.Join('\n', ratings) + "\n", StringComparison.Ordinal));
        var reviews = records.Where(r => r[0].StartsWith("review", StringComparison.Ordinal)).SelectMany(r => r).ToList();
        foreach (var series in reviews.GroupBy(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]))
        {
            // Every edit of a review's series in one part, in spool order.
            var holder = Assert.Single(texts, t => t.Contains(series.Key + " ", StringComparison.Ordinal));
            Assert.Equal(series, holder.Split('\n').Where(l => l.StartsWith(series.Key + " ", StringComparison.Ordinal)));
        }
        // Balanced to within one record of ratings.
        Assert.InRange(Math.Abs(parts[0].Length - parts[1].Length), 0, records.Max(r => Encoding.UTF8.GetByteCount(string.Join('\n', r)) + 1) + reviews.Sum(l => l.Length + 1));
    }

    [Fact]
    public void Batches_of_one_record_of_ratings_take_turns_between_the_lanes()
    {
        var lanes = new DrainLanes(2);
        var sent = new List<(string Body, TaskCompletionSource Done)>();
        DrainLanes.Write write = (body, lines) =>
        {
            var done = new TaskCompletionSource();
            sent.Add((Encoding.UTF8.GetString(body.Span), done));
            return done.Task;
        };
        var record = "rating,site=s score=4i,id=\"a\" 1\nrating,site=s score=4i,id=\"b\" 2"u8.ToArray();

        lanes.Start(new SpoolBatch(record, 2, 0, new SpoolPosition(1, 1), null, [new SpooledRecord(0, record.Length, 2)]), write);
        lanes.Start(new SpoolBatch(record, 2, 0, new SpoolPosition(1, 2), null, [new SpooledRecord(0, record.Length, 2)]), write);

        // Both sent at once: had both gone to one lane, the second would wait for the first.
        Assert.Equal(2, sent.Count);
        sent.ForEach(s => s.Done.SetResult());
    }

    [Fact]
    public void A_space_escaped_in_a_tag_value_is_part_of_the_series_key()
    {
        var parts = SeriesPartitions.Split(Encoding.UTF8.GetBytes("m,t=a\\ b f=1i 1\nm,t=a\\ b f=2i 2\n"), 4);

        Assert.Single(parts, p => p.Lines == 2);
    }

    [Theory]
    [InlineData("m,t=a f=1i 1\nm,t=b f=2i 2", 12)]
    [InlineData("m text=\"one\ntwo\",n=1i 1\nm n=2i 2", 23)]
    [InlineData("m text=\"say \\\"hi\\\"\nthere\",n=1i 1\nm n=2i 2", 32)]
    [InlineData("m,t=x\\ y text=\"a, b=c\nd\" 1\nm n=2i 2", 26)]
    [InlineData("m n=1i 1", -1)]
    public void A_line_ends_at_the_first_line_break_outside_a_quoted_string(string body, int end) =>
        Assert.Equal(end, SeriesPartitions.LineEnd(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void The_fast_line_end_agrees_with_InfluxDBs_own_scanner_on_random_bodies()
    {
        var random = new Random(19);
        var alphabet = "ab1 \n\"=,\\é\r"u8.ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var body = new byte[random.Next(0, 40)];
            for (var i = 0; i < body.Length; i++)
                body[i] = alphabet[random.Next(alphabet.Length)];

            Assert.True(ScanLine(body) == SeriesPartitions.LineEnd(body), Encoding.UTF8.GetString(body));
        }
    }

    /// <summary>influxdb models/points.go scanLine, transcribed as it is (the reference).</summary>
    private static int ScanLine(byte[] buf)
    {
        bool quoted = false, fields = false;
        int equals = 0, commas = 0, i = 0;
        while (i < buf.Length)
        {
            if (buf[i] == '\\' && i + 2 < buf.Length)
            {
                i += 2;
                continue;
            }
            if (buf[i] == ' ')
                fields = true;
            if (fields)
            {
                if (!quoted && buf[i] == '=')
                {
                    i++;
                    equals++;
                    continue;
                }
                if (!quoted && buf[i] == ',')
                {
                    i++;
                    commas++;
                    continue;
                }
                if (buf[i] == '"' && equals > commas)
                {
                    i++;
                    quoted = !quoted;
                    continue;
                }
            }
            if (buf[i] == '\n' && !quoted)
                return i;
            i++;
        }
        return -1;
    }

    [Fact]
    public void A_review_text_with_line_breaks_stays_one_line_of_its_part()
    {
        var lines = new[] { "review,site=a text=\"first\nsecond\",n=1i 1", "review,site=b text=\"x\" 2", "review,site=a text=\"third\r\n\\\"quoted\\\"\" 3" };

        var parts = SeriesPartitions.Split(Encoding.UTF8.GetBytes(string.Join('\n', lines)), 2);

        Assert.Equal(3, parts.Sum(p => p.Lines));
        var joined = string.Concat(parts.Select(p => Encoding.UTF8.GetString(p.Body, 0, p.Length)));
        Assert.All(lines, l => Assert.Contains(l + "\n", joined));
    }
}
