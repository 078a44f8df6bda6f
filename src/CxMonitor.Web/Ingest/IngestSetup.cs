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
        // For the ingest API's large bodies, though it applies to every connection of the server:
        // by default Kestrel waits for data with a zero-byte receive before each real one, so that
        // an idle connection holds no buffer, and a batch of 1,000 ratings took twice the receive
        // calls (decision 0026, eleventh pass, has the counts; the CPU saved was below what the
        // ingest benchmark can show). The price is one 4 KB block per open connection, idle ones
        // included: 40 MB for 10,000 of them. Kestrel's keep-alive and header timeouts close idle
        // connections; a deployment open to many clients has a proxy in front (nginx, decision 0025).
        builder.Services.Configure<SocketTransportOptions>(o => o.WaitForDataBeforeAllocatingBuffer = false);
        return builder;
    }
}
