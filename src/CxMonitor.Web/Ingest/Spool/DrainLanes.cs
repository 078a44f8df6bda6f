namespace CxMonitor.Web.Ingest.Spool;

/// <summary>The InfluxDB requests of the drainer in flight: one lane per request at a time, each
/// lane holding whole series (<see cref="SeriesPartitions"/>), so a point and a later edit of it
/// are written in order. A lane starts its part of the next batch as soon as its own part of the
/// previous one is stored, without waiting for the other lanes or the checkpoint: waiting for the
/// whole batch left influxd idle between batches (decision 0026, third pass). Batches complete
/// in order: the oldest is done when every lane has stored its part of it.</summary>
internal sealed class DrainLanes(int lanes)
{
    /// <summary>Writes one part; it must not touch the body after its task completes.</summary>
    public delegate Task Write(ReadOnlyMemory<byte> body, int lines);

    private readonly Task[] _tails = Enumerable.Repeat(Task.CompletedTask, lanes).ToArray();
    private readonly Queue<InFlight> _inFlight = new();
    private readonly Stack<(byte[] Body, int Length, int Lines)[]> _spare = new();
    private int _started;

    /// <summary>Batches started and not yet completed or abandoned.</summary>
    public int Count => _inFlight.Count;

    /// <summary>The oldest batch's outcome; faulted when any of its parts, or a part before one
    /// of them in the same lane, failed.</summary>
    public Task Oldest => _inFlight.Peek().Done;

    /// <summary>Splits the batch into the lanes at once: its body may be reused when this returns.</summary>
    public void Start(SpoolBatch batch, Write write)
    {
        // The parts' buffers come back with their batch: a new half-megabyte array per part and
        // batch was a large-object allocation (issue 19).
        var parts = _spare.TryPop(out var kept) ? kept : new (byte[] Body, int Length, int Lines)[lanes];
        SeriesPartitions.Split(batch, parts, firstChoice: _started = (_started + 1) % lanes);
        var started = new List<Task>(lanes);
        for (var lane = 0; lane < lanes; lane++)
        {
            if (parts[lane].Lines == 0)
                continue;
            _tails[lane] = AfterAsync(_tails[lane], parts[lane].Body.AsMemory(0, parts[lane].Length), parts[lane].Lines, write);
            started.Add(_tails[lane]);
        }
        _inFlight.Enqueue(new InFlight(batch, parts, Task.WhenAll(started)));
    }

    /// <summary>Takes the oldest batch off, once <see cref="Oldest"/> has succeeded.</summary>
    public SpoolBatch Complete()
    {
        var done = _inFlight.Dequeue();
        _spare.Push(done.Parts);
        return done.Batch;
    }

    /// <summary>Waits for every request in flight to end and forgets them: delivery resumes at
    /// the checkpoint, so what they stored is sent again (a point overwrites itself).</summary>
    public async Task AbandonAsync()
    {
        while (_inFlight.TryDequeue(out var batch))
        {
            try
            {
                await batch.Done.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its outcome no longer matters; only that nothing still reads its buffers.
            }
            _spare.Push(batch.Parts);
        }
        Array.Fill(_tails, Task.CompletedTask);
    }

    /// <summary>A failed part stops its lane: the parts behind it fail without being sent.</summary>
    private static async Task AfterAsync(Task previous, ReadOnlyMemory<byte> body, int lines, Write write)
    {
        await previous.ConfigureAwait(false);
        await write(body, lines).ConfigureAwait(false);
    }

    private sealed record InFlight(SpoolBatch Batch, (byte[] Body, int Length, int Lines)[] Parts, Task Done);
}
