using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace CxMonitor.Web.Jobs;

/// <summary>Hangfire's own log (scheduler and storage errors) into ours. Hangfire has one log
/// provider per process and its classes keep the loggers they got; so the provider forwards each
/// entry to the logger factory of the app that runs now, looked up at every entry, instead of
/// handing out loggers of a factory that is disposed when its app stops (several apps share a
/// process in the integration tests; Quartz's one static logger factory broke exactly there).</summary>
internal sealed class HangfireLog : ILogProvider
{
    public static readonly HangfireLog Instance = new();

    private ILoggerFactory? _factory;

    public void Attach(ILoggerFactory factory) => Volatile.Write(ref _factory, factory);

    public void Detach(ILoggerFactory factory) => Interlocked.CompareExchange(ref _factory, null, factory);

    public ILog GetLogger(string name) => new Forwarder(this, name);

    private sealed class Forwarder(HangfireLog owner, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Volatile.Read(ref owner._factory) is not { } factory)
                return false;
            ILogger logger;
            try
            {
                logger = factory.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false; // its app stopped between the read and here
            }
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            if (messageFunc is null)
                return logger.IsEnabled(level);
            if (logger.IsEnabled(level))
                logger.Log(level, exception, "{Message}", messageFunc());
            return true;
        }
    }
}
