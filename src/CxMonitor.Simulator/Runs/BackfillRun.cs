using System.Diagnostics;
using System.Threading.Channels;
using CxMonitor.Simulator.Cli;
using CxMonitor.Simulator.Generation;
using CxMonitor.Simulator.Sending;

namespace CxMonitor.Simulator.Runs;

/// <summary>
/// Bulk mode: one task generates full batches, <c>--parallel</c> tasks serialise and send them.
/// The queue between them is short, so a slow server slows the generator instead of filling memory.
/// </summary>
internal sealed class BackfillRun(SimulatorOptions options, IBatchSender sender, Action<string> log)
{
    private static readonly TimeSpan _progressEvery = TimeSpan.FromSeconds(2);

    private readonly SendTotals _ratings = new("ratings");
    private readonly SendTotals _reviews = new("reviews");
    private long _reachedTicks;
    private string? _failure;

    private sealed record Batch(List<Rating>? Ratings, List<Review>? Reviews);

    public async Task<int> RunAsync(BackfillGenerator generator, CancellationToken stop)
    {
        var size = options.Batch ?? SimulatorOptions.BulkBatch;
        log($"backfill: about {options.PerDay:N0} ratings/day from {generator.From:yyyy-MM-dd HH:mm} to " +
            $"{generator.Until:yyyy-MM-dd HH:mm} UTC, {size:N0} per request, {options.Parallel} in parallel");
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var queue = Channel.CreateBounded<Batch>(new BoundedChannelOptions(options.Parallel * 2) { SingleWriter = true });
        var watch = Stopwatch.StartNew();
        _reachedTicks = generator.From.UtcTicks;

        var producer = Task.Run(() => ProduceAsync(generator, size, queue.Writer, abort.Token), CancellationToken.None);
        var senders = Enumerable.Range(0, options.Parallel)
            .Select(_ => Task.Run(() => SendAsync(queue.Reader, abort), CancellationToken.None))
            .ToArray();
        var all = Task.WhenAll(senders.Append(producer));
        while (await Task.WhenAny(all, Task.Delay(_progressEvery, CancellationToken.None)) != all)
            log(Progress(generator, watch.Elapsed));
        try
        {
            await all;
        }
        catch (OperationCanceledException)
        {
            // Reported below: either Ctrl+C or a sender that gave up.
        }

        var rate = _ratings.Sent / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
        var outcome = _failure is not null ? "failed" : stop.IsCancellationRequested ? "interrupted" : "done";
        log($"backfill {outcome} in {watch.Elapsed.TotalSeconds:0.0} s ({rate:N0} ratings/s): {_ratings}; {_reviews}");
        if (_failure is null && !stop.IsCancellationRequested)
            return 0;
        log(_failure ?? "stopped by request");
        log($"to finish it, re-run with the same options and --seed {generator.Seed} --until {generator.Until:yyyy-MM-ddTHH:mm}Z: " +
            "the same ids are sent again and the server skips those it has");
        return 1;
    }

    private async Task ProduceAsync(BackfillGenerator generator, int size, ChannelWriter<Batch> writer, CancellationToken cancellationToken)
    {
        try
        {
            var ratings = new List<Rating>(size);
            var reviews = new List<Review>();
            foreach (var slice in generator.Enumerate())
            {
                foreach (var rating in slice.Ratings)
                {
                    ratings.Add(rating);
                    if (ratings.Count == size)
                    {
                        await writer.WriteAsync(new Batch(ratings, null), cancellationToken);
                        ratings = new List<Rating>(size);
                    }
                }
                reviews.AddRange(slice.Reviews);
                if (reviews.Count >= size)
                {
                    await writer.WriteAsync(new Batch(null, reviews), cancellationToken);
                    reviews = [];
                }
                Interlocked.Add(ref _reachedTicks, BackfillGenerator.Slot.Ticks);
            }
            if (ratings.Count > 0)
                await writer.WriteAsync(new Batch(ratings, null), cancellationToken);
            if (reviews.Count > 0)
                await writer.WriteAsync(new Batch(null, reviews), cancellationToken);
            Interlocked.Exchange(ref _reachedTicks, generator.Until.UtcTicks);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task SendAsync(ChannelReader<Batch> reader, CancellationTokenSource abort)
    {
        try
        {
            await foreach (var batch in reader.ReadAllAsync(abort.Token))
            {
                var outcome = batch.Ratings is { } ratings
                    ? await sender.SendAsync(Payloads.RatingsPath, Payloads.Serialize(ratings), ratings.Count, abort.Token)
                    : await sender.SendAsync(Payloads.ReviewsPath, Payloads.Serialize(batch.Reviews!), batch.Reviews!.Count, abort.Token);
                (batch.Ratings is null ? _reviews : _ratings).Record(outcome);
                if (!outcome.Acknowledged)
                    Fail(outcome.Error ?? "a batch was not acknowledged", abort);
                // Every item refused means the payload itself is wrong: the remaining batches would fare no better.
                else if (outcome.Count > 0 && outcome.Rejected == outcome.Count)
                    Fail($"every item of a batch was rejected: {outcome.Error}", abort);
            }
        }
        catch (AccessDeniedException e)
        {
            Fail($"the server refused the API key: {e.Message}", abort);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without this the producer would wait forever on a queue nobody reads.
            Fail($"sending failed: {e.Message}", abort);
        }
    }

    // History with a hole in it is worse than no history: the first lost batch stops the run.
    private void Fail(string reason, CancellationTokenSource abort)
    {
        Interlocked.CompareExchange(ref _failure, reason, null);
        abort.Cancel();
    }

    private string Progress(BackfillGenerator generator, TimeSpan elapsed)
    {
        var reached = new DateTimeOffset(Interlocked.Read(ref _reachedTicks), TimeSpan.Zero);
        var done = (reached - generator.From) / (generator.Until - generator.From);
        return $"backfill {done:P0} (up to {reached:yyyy-MM-dd HH:mm}): {_ratings}; " +
            $"{_ratings.Sent / Math.Max(elapsed.TotalSeconds, 0.001):N0} ratings/s";
    }
}
