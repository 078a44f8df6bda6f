namespace CxMonitor.Simulator.Generation;

/// <summary>The few distributions the simulation needs, drawn from the caller's seeded random.</summary>
public static class RandomExtensions
{
    public static T PickOne<T>(this Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Standard normal by Box–Muller; the second value is dropped to keep no hidden state.</summary>
    public static double NextNormal(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Arrivals in an interval: Knuth for small means, normal approximation above 30 where it is close enough.</summary>
    public static int NextPoisson(this Random random, double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean >= 30)
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * random.NextNormal()));
        var limit = Math.Exp(-mean);
        var count = -1;
        var product = 1.0;
        do
        {
            count++;
            product *= random.NextDouble();
        }
        while (product > limit);
        return count;
    }
}
