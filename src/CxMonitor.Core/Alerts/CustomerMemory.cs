using System.Runtime.InteropServices;

namespace CxMonitor.Core.Alerts;

/// <summary>Each customer's last answer (satisfied or promoter, dissatisfied, or neither), for
/// "a loyal customer turned negative". Bounded: the least recently seen customers are
/// forgotten first.</summary>
public sealed class CustomerMemory(int capacity)
{
    // Every accepted rating with a customer lands here (issue 19). The order of last answers is a
    // list linked through array slots, so a returning customer is one lookup and a move to the
    // front in place, and a new one reuses a forgotten customer's slot: no node per rating.
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private Slot[] _slots = [];
    private int _used;
    private int _newest = None;
    private int _oldest = None;
    private int _free = None;

    private const int None = -1;

    private struct Slot
    {
        public string Customer;
        public bool Positive;
        public int Newer;
        public int Older;
    }

    /// <summary>How many customers are remembered.</summary>
    public int Count => _index.Count;

    /// <summary>Whether the customer's previous answer was positive (null: not known).</summary>
    public bool? WasPositive(string customer) => _index.TryGetValue(customer, out var slot) ? _slots[slot].Positive : null;

    public void Remember(string customer, bool positive, bool negative)
    {
        if (!positive && !negative)
        {
            // A neutral answer neither proves nor breaks loyalty: the customer is forgotten, nobody else.
            if (_index.Remove(customer, out var gone))
                Release(gone);
            return;
        }
        if (capacity <= 0)
            return;
        ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, customer, out var known);
        if (known)
        {
            _slots[at].Positive = positive;
            MoveToNewest(at);
            return;
        }
        var slot = Take();
        at = slot; // before the eviction below changes the dictionary and so voids the reference
        if (_index.Count > capacity)
        {
            var oldest = _oldest;
            _index.Remove(_slots[oldest].Customer);
            Release(oldest);
        }
        _slots[slot] = new Slot { Customer = customer, Positive = positive, Newer = None, Older = None };
        LinkAsNewest(slot);
    }

    /// <summary>Remembered customers, the most recently seen first (for tests).</summary>
    internal IEnumerable<(string Customer, bool Positive)> NewestFirst()
    {
        for (var i = _newest; i != None; i = _slots[i].Older)
            yield return (_slots[i].Customer, _slots[i].Positive);
    }

    private int Take()
    {
        if (_free != None)
        {
            var slot = _free;
            _free = _slots[slot].Older;
            return slot;
        }
        if (_used == _slots.Length)
            Array.Resize(ref _slots, (int)Math.Min(Math.Max(16L, _slots.Length * 2L), capacity + 1L));
        return _used++;
    }

    private void Release(int slot)
    {
        Unlink(slot);
        _slots[slot] = new Slot { Customer = null!, Older = _free, Newer = None };
        _free = slot;
    }

    private void MoveToNewest(int slot)
    {
        if (slot == _newest)
            return;
        Unlink(slot);
        LinkAsNewest(slot);
    }

    private void LinkAsNewest(int slot)
    {
        _slots[slot].Newer = None;
        _slots[slot].Older = _newest;
        if (_newest != None)
            _slots[_newest].Newer = slot;
        _newest = slot;
        if (_oldest == None)
            _oldest = slot;
    }

    private void Unlink(int slot)
    {
        var (newer, older) = (_slots[slot].Newer, _slots[slot].Older);
        if (newer != None)
            _slots[newer].Older = older;
        else
            _newest = older;
        if (older != None)
            _slots[older].Newer = newer;
        else
            _oldest = newer;
    }
}
