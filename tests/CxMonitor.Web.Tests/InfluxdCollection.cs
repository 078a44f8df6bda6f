using CxMonitor.Testing;

namespace CxMonitor.Web.Tests;

[CollectionDefinition(InfluxdCollection.Name)]
public sealed class InfluxdCollection : ICollectionFixture<InfluxdFixture>
{
    public const string Name = "influxd";
}
