namespace CxMonitor.Core.Alerts;

/// <summary>Each customer's last answer (satisfied or promoter, dissatisfied, or neither), for
/// "a loyal customer turned negative". Bounded: the least recently seen customers are
/// forgotten first.</summary>
public sealed class CustomerMemory(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Customer, bool Positive)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Customer, bool Positive)> _order = new();

    /// <summary>Whether the customer's previous answer was positive (null: not known).</summary>
    public bool? WasPositive(string customer) => _index.TryGetValue(customer, out var node) ? node.Value.Positive : null;

    public void Remember(string customer, bool positive, bool negative)
    {
        if (_index.TryGetValue(customer, out var node))
        {
            _order.Remove(node);
            _index.Remove(customer);
        }
        if (!positive && !negative)
            return; // a neutral answer neither proves nor breaks loyalty; forget nothing else
        _index[customer] = _order.AddFirst((customer, positive));
        if (_index.Count > capacity)
        {
            _index.Remove(_order.Last!.Value.Customer);
            _order.RemoveLast();
        }
    }
}
