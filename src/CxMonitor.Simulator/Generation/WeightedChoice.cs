namespace CxMonitor.Simulator.Generation;

/// <summary>A fixed set of options with relative weights, picked with a caller-supplied random source.</summary>
public sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IEnumerable<(T Item, double Weight)> options)
    {
        var list = options.Where(o => o.Weight > 0).ToArray();
        if (list.Length == 0)
            throw new ArgumentException("at least one option needs a positive weight", nameof(options));
        _items = list.Select(o => o.Item).ToArray();
        _cumulative = new double[list.Length];
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
            _cumulative[i] = sum += list[i].Weight;
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random random)
    {
        if (_items.Length == 1)
            return _items[0];
        var x = random.NextDouble() * _cumulative[^1];
        // Lists are short (under a dozen), so a linear scan beats a binary search.
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (x < _cumulative[i])
                return _items[i];
        }
        return _items[^1];
    }
}
