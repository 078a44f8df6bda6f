using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

/// <summary>Creates the demo users listed in the README when the demo settings name them.</summary>
internal sealed class DemoUsersSeeding(UserStore users, IOptions<PeopleOptions> options, ILogger<DemoUsersSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in options.Value.DemoUsers)
        {
            if (await users.FindAsync(demo.UserName, cancellationToken) is not null)
                continue;
            await users.CreateAsync(demo.UserName, [demo.Role], demo.Password, ct: cancellationToken);
            logger.LogInformation("Created demo user {UserName} ({Role})", demo.UserName, demo.Role);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
