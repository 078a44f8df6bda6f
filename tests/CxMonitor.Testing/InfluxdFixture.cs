using Xunit;
using CxMonitor.Influx;
using CxMonitor.Influx.Setup;

namespace CxMonitor.Testing;

/// <summary>One influxd per test run, shared through <c>ICollectionFixture</c> (each test
/// assembly declares its own collection: xunit looks for it there); every test class
/// takes its own database from <see cref="CreateDatabaseAsync"/>.</summary>
public sealed class InfluxdFixture : IAsyncLifetime
{
    private InfluxdServer? _server;
    private int _databases;

    public InfluxdServer Server => _server ?? throw new InvalidOperationException("influxd has not started.");

    public Uri Url => Server.Url;

    public async Task InitializeAsync() => _server = await InfluxdServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    public InfluxDBClient CreateClient() => Server.CreateClient();

    /// <summary>A fresh, empty database whose name says which test class owns it.</summary>
    public async Task<string> CreateDatabaseAsync(string owner)
    {
        var name = $"{new string(owner.Where(char.IsLetterOrDigit).ToArray())}_{Interlocked.Increment(ref _databases)}";
        using var client = CreateClient();
        await new InfluxV1Setup(client).EnsureDatabaseAsync(name, null);
        return name;
    }
}
