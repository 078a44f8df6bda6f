using Microsoft.AspNetCore.SignalR;

namespace CxMonitor.Web.Live;

public static class LiveSetup
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Pings every 3 s let a wall notice a dead connection within seconds (live.js waits 8 s).
        var signalR = builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 64 * 1024;
            o.KeepAliveInterval = TimeSpan.FromSeconds(3);
            o.AddFilter<LiveConnectionTracking>();
        });
        // Several nodes: a rating accepted by one reaches walls connected to another (decision 0025).
        if (LiveRedis.ConnectionString(builder.Configuration) is { } redis)
        {
            signalR.AddStackExchangeRedis(o => o.Configuration = LiveRedis.Options(redis));
            builder.Services.AddSingleton<LiveRedisConnection>();
            builder.Services.AddHostedService<SnapshotShare>();
        }
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<LiveRevocationSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRevocationSweep>());
        builder.Services.AddHostedService<RevocationShare>();
        builder.Services.AddSingleton<LiveSequence>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddHostedService<RatingActivityPush>();
        return builder;
    }

    /// <summary>Who may connect: any signed-in user, display token or API key (policy <c>Read</c>).</summary>
    public static IEndpointRouteBuilder MapLiveHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<DashboardHub>("/hubs/live").RequireAuthorization("Read");
        return app;
    }
}
