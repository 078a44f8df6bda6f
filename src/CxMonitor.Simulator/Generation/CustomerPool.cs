using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>A known customer: <paramref name="Bias"/> is their lasting lean above or below their site's mood.</summary>
public sealed record Customer(string Id, double Bias);

/// <summary>
/// Pseudonymous customers per site. A small core of regulars gives a third of the identified ratings,
/// so they rate again and again (a regular every few days, several times within an hour of a busy
/// demo), while most customers show up once or twice a month. Regulars are fond of the place: a regular
/// turning detractor is exactly the critical moment the per-customer rules look for.
/// </summary>
public sealed class CustomerPool
{
    public const int PerSite = 20_000;
    public const int RegularsPerSite = 1_000;
    private const double RegularShare = 0.3;

    private readonly Dictionary<string, Customer[]> _bySite = [];

    public CustomerPool(Random random, int seed, IReadOnlyList<DemoSite> sites)
    {
        var sequence = 0L;
        foreach (var site in sites)
        {
            var customers = new Customer[PerSite];
            for (var i = 0; i < PerSite; i++)
            {
                var lean = i < RegularsPerSite ? 0.08 : 0;
                customers[i] = new Customer("cust-" + SimIds.Token(seed, 'c', sequence++)[..12], lean + 0.1 * random.NextNormal());
            }
            _bySite[site.Id] = customers;
        }
    }

    public Customer Pick(Random random, string siteId)
    {
        var pool = _bySite[siteId];
        return random.NextDouble() < RegularShare ? pool[random.Next(RegularsPerSite)] : pool[random.Next(pool.Length)];
    }
}
