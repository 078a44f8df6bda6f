namespace CxMonitor.Web.Ingest.Ids;

/// <summary>What the collector remembers of the ratings it stored recently: their ids (to answer
/// a resend as a duplicate) and the points they occupy (so that no two ratings ever share one).
/// Two generations of <c>capacity / 2</c> entries; rebuilt after any restart, also after kill -9,
/// from the spool and its id journal (<see cref="LedgerJournal"/>).</summary>
/// <remarks>
/// A rating is first <em>reserved</em> (its id and its point are taken, under one lock, before the
/// spool write), then <em>committed</em> once the spool has it on disk, or <em>released</em> if
/// the write failed. A request that meets an id another request has reserved waits for that
/// outcome: one id is stored and counted once however many connections send it at the same time,
/// and it is not lost if the first sender's write fails.
/// <para>The ledger also knows its <see cref="HorizonMs"/>: the latest rating time among the
/// ratings it may have forgotten. A rating can only share a millisecond with a forgotten one if
/// its time is at most the horizon; for such (late or back-filled) ratings the caller first asks
/// InfluxDB what that millisecond holds and passes it in as <see cref="StoredPoints"/>. Live
/// ratings are newer than anything forgotten and need no such question.</para>
/// </remarks>
public sealed class RatingLedger(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<ulong, TaskCompletionSource> _pending = [];
    private Generation _current = new(Math.Min(capacity / 2, 1 << 16));
    private Generation _previous = new(0);
    private long _horizonMs = long.MinValue;
    private ulong _touched;

    /// <summary>At start: where the horizon was left (or where it starts on a new state folder).</summary>
    public void StartHorizon(long horizonMs)
    {
        lock (_gate)
            _horizonMs = Math.Max(_horizonMs, horizonMs);
    }

    /// <summary>Unix ms: a rating of this time or older may meet a forgotten one. <see cref="long.MinValue"/>
    /// while nothing was ever forgotten (the ledger started with InfluxDB holding no ratings).</summary>
    public long HorizonMs
    {
        get { lock (_gate) return _horizonMs; }
    }

    public int Count
    {
        get { lock (_gate) return _current.Ids.Count + _previous.Ids.Count; }
    }

    public bool Contains(ulong idHash)
    {
        lock (_gate)
            return _current.Ids.Contains(idHash) || _previous.Ids.Contains(idHash);
    }

    /// <summary>Takes the ids and points of the fresh ratings of a request. Each candidate's
    /// timestamp starts at its id's nanosecond within its millisecond and moves to the next free
    /// nanosecond of that millisecond while another rating of the same series holds it.</summary>
    public LedgerReservation Reserve(IReadOnlyList<LedgerCandidate> candidates, StoredPoints? stored = null)
    {
        var reservation = new LedgerReservation(this);
        Touch(candidates);
        lock (_gate)
        {
            foreach (var c in candidates)
            {
                if (_current.Ids.Contains(c.IdHash) || _previous.Ids.Contains(c.IdHash) || stored?.Ids.Contains(c.IdHash) == true)
                {
                    reservation.Duplicates++;
                    continue;
                }
                if (_pending.TryGetValue(c.IdHash, out var holder))
                {
                    // Twice in this request: a duplicate. Held by another request: its outcome decides.
                    if (holder == reservation.Completion)
                        reservation.Duplicates++;
                    else
                        reservation.Waiting.Add((c, holder.Task));
                    continue;
                }
                var timestamp = FreeTimestamp(c, stored);
                var slot = StableHash.Slot(c.SeriesHash, timestamp);
                Rotate();
                _current.Slots.Add(slot);
                _current.MaxTimeMs = Math.Max(_current.MaxTimeMs, c.Millisecond);
                _pending[c.IdHash] = reservation.Completion;
                reservation.Taken.Add(new LedgerEntry(c.IdHash, slot, timestamp, c.Index));
            }
        }
        return reservation;
    }

    /// <summary>Brings the table lines that the lookups below start at into the cache, outside the
    /// lock: at the default capacity the four tables hold 32 MB, so each lookup is a cache miss,
    /// and four misses waited for one by one were most of the ledger's time (issue 19).</summary>
    private void Touch(IReadOnlyList<LedgerCandidate> candidates)
    {
        var (current, previous) = (_current, _previous);
        ulong seen = 0;
        foreach (var c in candidates)
        {
            var slot = StableHash.Slot(c.SeriesHash, (c.Millisecond * 1_000_000) + (long)(c.IdHash % 1_000_000));
            seen ^= current.Ids.Touch(c.IdHash) ^ previous.Ids.Touch(c.IdHash) ^ current.Slots.Touch(slot) ^ previous.Slots.Touch(slot);
        }
        // Kept, so that the JIT cannot drop the loads as unused.
        _touched = seen;
    }

    /// <summary>Loads entries known to be stored (at start, from the journal and the spool).</summary>
    /// <param name="maxTimeMs">The latest rating time among them (Unix ms).</param>
    public void Remember(ReadOnlySpan<LedgerEntry> entries, long maxTimeMs)
    {
        lock (_gate)
        {
            foreach (var e in entries)
            {
                Rotate();
                _current.Ids.Add(e.IdHash);
                _current.Slots.Add(e.Slot);
                _current.MaxTimeMs = Math.Max(_current.MaxTimeMs, maxTimeMs);
            }
        }
    }

    internal void Commit(LedgerReservation reservation)
    {
        // The lines Reserve touched left the cache during the spool's write and fsync: touched again
        // outside the lock, so the misses overlap instead of one after another under it (perf:
        // Commit's adds took as much as the whole Reserve, issue 19).
        var ids = _current.Ids;
        ulong seen = 0;
        foreach (var e in reservation.Taken)
            seen ^= ids.Touch(e.IdHash);
        _touched = seen;
        lock (_gate)
        {
            foreach (var e in reservation.Taken)
            {
                _pending.Remove(e.IdHash);
                _current.Ids.Add(e.IdHash);
            }
        }
        reservation.Completion.TrySetResult();
    }

    internal void Release(LedgerReservation reservation)
    {
        lock (_gate)
        {
            foreach (var e in reservation.Taken)
            {
                _pending.Remove(e.IdHash);
                _current.Slots.Remove(e.Slot);
                _previous.Slots.Remove(e.Slot);
            }
        }
        reservation.Completion.TrySetResult();
    }

    private long FreeTimestamp(in LedgerCandidate c, StoredPoints? stored)
    {
        var millisecond = c.Millisecond * 1_000_000;
        var offset = (long)(c.IdHash % 1_000_000);
        for (var step = 0; step < 1_000_000; step++)
        {
            var timestamp = millisecond + ((offset + step) % 1_000_000);
            var slot = StableHash.Slot(c.SeriesHash, timestamp);
            if (!_current.Slots.Contains(slot) && !_previous.Slots.Contains(slot) && stored?.Slots.Contains(slot) != true)
                return timestamp;
        }
        throw new InvalidOperationException("A million ratings of one series in one millisecond: no free point left.");
    }

    private void Rotate()
    {
        if (_current.Ids.Count < capacity / 2 && _current.Slots.Count < capacity)
            return;
        if (_previous.Ids.Count > 0 || _previous.Slots.Count > 0)
            _horizonMs = Math.Max(_horizonMs, _previous.MaxTimeMs);
        _previous = _current;
        _current = new Generation(capacity / 2);
    }

    private sealed class Generation(int size)
    {
        public IdTable Ids { get; } = new(size);

        public IdTable Slots { get; } = new(size);

        public long MaxTimeMs { get; set; } = long.MinValue;
    }
}

/// <summary>A rating about to be stored: its id hash, its series and its millisecond.</summary>
public readonly record struct LedgerCandidate(int Index, ulong IdHash, ulong SeriesHash, long Millisecond);

/// <summary>What InfluxDB holds in the milliseconds of back-filled ratings: ids (as hashes) and
/// points (as slots) the ledger may have forgotten.</summary>
public sealed record StoredPoints(HashSet<ulong> Ids, HashSet<ulong> Slots);

/// <summary>A rating's id and the point it occupies (series and timestamp as one slot hash).</summary>
public readonly record struct LedgerEntry(ulong IdHash, ulong Slot, long TimestampNs, int Index);
