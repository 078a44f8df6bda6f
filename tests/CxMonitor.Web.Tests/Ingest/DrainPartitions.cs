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
