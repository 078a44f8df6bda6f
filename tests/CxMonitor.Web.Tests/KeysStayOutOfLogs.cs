using System.Collections.Concurrent;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Web.Tests;

public class KeysStayOutOfLogs(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Neither_a_valid_nor_a_wrong_key_appears_in_any_log_message_at_trace_level()
    {
        var logs = new CapturedLogs();
        await using var app = TestApp.WithSites(folder.NewSub(),
            ("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"));
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var (_, key) = await logged.Services.GetRequiredService<ApiKeyStore>().CreateAsync("kiosk", ["*"]);
        var wrong = key[..^4] + (key.EndsWith("AAAA") ? "EEEE" : "AAAA");

        foreach (var presented in new[] { key, wrong, "cxk_" + key[4..14] })
        {
            var client = logged.CreateClient();
            client.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, presented);
            await client.GetAsync("/api/v1/sites");
        }

        Assert.NotEmpty(logs.Lines);
        var secret = key[15..];
        Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(wrong[15..], StringComparison.Ordinal));
    }

    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Lines.Enqueue($"scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            Lines.Enqueue($"{formatter(state, exception)} {values} {exception}");
        }

        public void Dispose()
        {
        }
    }
}
