using CxMonitor.Web.Ingest.Ids;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

public static class IngestSetup
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SpoolOptions>().BindConfiguration(SpoolOptions.Section)
            .PostConfigure<IConfiguration, IHostEnvironment>((o, config, env) =>
            {
                if (string.IsNullOrWhiteSpace(o.Directory))
                {
                    var state = config["State:Directory"];
                    o.Directory = Path.Combine(string.IsNullOrWhiteSpace(state) ? Path.Combine(env.ContentRootPath, "data") : state, "spool");
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestCounters>();
        builder.Services.AddSingleton<IngestEvents>();
        builder.Services.AddSingleton(sp => new LedgerJournal(
            sp.GetRequiredService<IOptions<SpoolOptions>>().Value.Directory!,
            sp.GetRequiredService<IOptions<IngestOptions>>().Value.RememberedIds,
            sp.GetRequiredService<ILogger<LedgerJournal>>()));
        builder.Services.AddSingleton(sp => new WriteAheadSpool(
            sp.GetRequiredService<IOptions<SpoolOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WriteAheadSpool>>(), sp.GetRequiredService<LedgerJournal>()));
        builder.Services.AddSingleton(sp => new RatingLedger(sp.GetRequiredService<IOptions<IngestOptions>>().Value.RememberedIds));
        // Before the drainer starts: it deletes delivered segments that the warm-up reads.
        builder.Services.AddHostedService<LedgerWarmup>();
        builder.Services.AddSingleton<SpoolDrainer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SpoolDrainer>());
        builder.Services.AddSingleton<StoredPointsLookup>();
        builder.Services.AddSingleton<RatingIngest>();
        builder.Services.AddOptions<TextOptions>().BindConfiguration(TextOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReviewSignals>();
        builder.Services.AddSingleton<ReviewIngest>();
        // Kestrel waits for data with a zero-byte receive before each real one, so that an idle
        // connection holds no buffer. A batch of 1,000 ratings (some 300 KB) then took about 90
        // receive calls instead of 45, each a system call that this machine's virtualisation
        // makes dear. The price is one 4 KB block per open connection while it is idle: a few
        // hundred KB for the screens' live connections (decision 0026, eleventh pass).
        builder.Services.Configure<SocketTransportOptions>(o => o.WaitForDataBeforeAllocatingBuffer = false);
        return builder;
    }
}
