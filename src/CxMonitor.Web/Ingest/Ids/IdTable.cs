namespace CxMonitor.Web.Ingest.Ids;

/// <summary>A set of 64-bit hashes (rating ids, point slots) for the ledger: open addressing with
/// linear probing in one array of keys.</summary>
/// <remarks>
/// Why not <c>HashSet&lt;ulong&gt;</c>: at the ledger's size (up to a million entries a generation)
/// every lookup there reads a bucket array and then an entry array, two cache misses, and the
/// ledger looks up four to six times per rating under its lock (perf: 3–4 % of the app's CPU, issue
/// 19). Here a lookup reads one cache line in the common case. Removal shifts the following run
/// back (no tombstones), so a table that sees many reserve/release cycles does not fill with
/// dead entries. The key 0 is the empty marker and is kept aside in a flag.
/// </remarks>
public sealed class IdTable
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong[] _keys;
    private int _shift;
    private bool _hasZero;

    public IdTable(int capacity = 16)
    {
        var size = 16;
        // At most half full: short probe runs.
        while (size < capacity * 2L && size < 1 << 30)
            size <<= 1;
        _keys = new ulong[size];
        _shift = 64 - int.Log2(size);
    }

    public int Count { get; private set; }

    public bool Contains(ulong key)
    {
        if (key == 0)
            return _hasZero;
        var keys = _keys;
        var mask = keys.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            var k = keys[i];
            if (k == key)
                return true;
            if (k == 0)
                return false;
        }
    }

    /// <summary>Reads the cache line where a lookup of the key starts, and nothing more: loads of
    /// many keys' lines in a row are independent, so the CPU overlaps their misses, where probes
    /// one after another (each deciding the next step) wait for every miss in turn.</summary>
    public ulong Touch(ulong key) => _keys[Home(key)];

    /// <returns>False if the key was there already.</returns>
    public bool Add(ulong key)
    {
        if (key == 0)
        {
            if (_hasZero)
                return false;
            _hasZero = true;
            Count++;
            return true;
        }
        if ((Count + 1) * 2L > _keys.Length)
            Grow();
        var keys = _keys;
        var mask = keys.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            var k = keys[i];
            if (k == key)
                return false;
            if (k == 0)
            {
                keys[i] = key;
                Count++;
                return true;
            }
        }
    }

    /// <returns>False if the key was not there.</returns>
    public bool Remove(ulong key)
    {
        if (key == 0)
        {
            if (!_hasZero)
                return false;
            _hasZero = false;
            Count--;
            return true;
        }
        var keys = _keys;
        var mask = keys.Length - 1;
        var hole = Home(key);
        while (keys[hole] != key)
        {
            if (keys[hole] == 0)
                return false;
            hole = (hole + 1) & mask;
        }
        // Backward shift: move each later key of the run into the hole unless its home lies
        // (cyclically) after the hole, where a lookup would then no longer pass the hole to find it.
        for (var j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask)
        {
            var home = Home(keys[j]);
            var homeInRange = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (homeInRange)
                continue;
            keys[hole] = keys[j];
            hole = j;
        }
        keys[hole] = 0;
        Count--;
        return true;
    }

    private int Home(ulong key) => (int)((key * Golden) >> _shift);

    private void Grow()
    {
        var old = _keys;
        _keys = new ulong[old.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        foreach (var key in old)
        {
            if (key == 0)
                continue;
            var i = Home(key);
            while (_keys[i] != 0)
                i = (i + 1) & mask;
            _keys[i] = key;
        }
    }
}
