using System.Collections.Concurrent;
using System.Text;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The drainer's lanes keep requests going across batches: what must still hold is that
/// every series is written in spool order, batches complete in order, and a failed request stops
/// what follows it in its lane.</summary>
public class DrainLaneOrder
{
    [Fact]
    public async Task Every_series_is_written_in_spool_order_across_batches_while_requests_end_in_any_order()
    {
        var lanes = new DrainLanes(3);
        var written = new ConcurrentQueue<string>();
        var inFlight = 0;
        var mostInFlight = 0;
        DrainLanes.Write write = async (body, lines) =>
        {
            var text = Encoding.UTF8.GetString(body.Span);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            // Requests of different lanes end in a random order, as InfluxDB's do.
            await Task.Delay(Random.Shared.Next(0, 4));
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                written.Enqueue(line);
            Interlocked.Decrement(ref inFlight);
        };
        var spooled = new List<string>();
        var completed = new List<long>();
        for (var b = 0; b < 40; b++)
        {
            var lines = Enumerable.Range(0, 50).Select(i => $"rating,site=s{(b * 7 + i) % 11} n={b * 1000 + i}i {b * 1000 + i}").ToArray();
            spooled.AddRange(lines);
            lanes.Start(new SpoolBatch(Encoding.UTF8.GetBytes(string.Join('\n', lines)), lines.Length, 0, new SpoolPosition(1, b), null), write);
            while (lanes.Count >= 2)
            {
                await lanes.Oldest;
                completed.Add(lanes.Complete().End.Offset);
            }
        }
        while (lanes.Count > 0)
        {
            await lanes.Oldest;
            completed.Add(lanes.Complete().End.Offset);
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(b => (long)b), completed);
        Assert.Equal(spooled.Order(), written.Order());
        foreach (var series in spooled.GroupBy(SeriesOf))
            Assert.Equal(series, written.Where(l => SeriesOf(l) == series.Key));
        // Parts of the next batch went out while the one before was still being written.
        Assert.True(mostInFlight > 1, $"at most {mostInFlight} request in flight");
    }

    [Fact]
    public async Task A_failed_request_fails_its_batch_and_nothing_after_it_in_its_lane_is_sent()
    {
        var lanes = new DrainLanes(1);
        var sent = new List<string>();
        var first = new TaskCompletionSource();
        DrainLanes.Write write = async (body, lines) =>
        {
            var text = Encoding.UTF8.GetString(body.Span);
            lock (sent)
                sent.Add(text.Trim());
            if (text.StartsWith("m,a=1", StringComparison.Ordinal))
            {
                await first.Task;
                throw new IOException("influxd went away");
            }
        };
        lanes.Start(new SpoolBatch("m,a=1 n=1i 1"u8.ToArray(), 1, 0, new SpoolPosition(1, 1), null), write);
        lanes.Start(new SpoolBatch("m,a=1 n=2i 2"u8.ToArray(), 1, 0, new SpoolPosition(1, 2), null), write);
        first.SetResult();

        await Assert.ThrowsAsync<IOException>(() => lanes.Oldest);
        await lanes.AbandonAsync();

        Assert.Equal(["m,a=1 n=1i 1"], sent);
        Assert.Equal(0, lanes.Count);
    }

    private static string SeriesOf(string line) => line[..line.IndexOf(' ', StringComparison.Ordinal)];

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
