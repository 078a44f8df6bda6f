using CxMonitor.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

public static class PeopleSetup
{
    /// <summary>People: the user store, the sign-in cookie, anti-forgery tokens and demo users.</summary>
    internal static void AddPeople(this IHostApplicationBuilder builder, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        builder.Services.AddOptions<PeopleOptions>()
            .BindConfiguration(PeopleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PersonSessions>();
        builder.Services.AddSingleton<NameLockout>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddHostedService<DemoUsersSeeding>();

        // Cookies are encrypted with data-protection keys; keeping them with the app state means
        // a restart does not sign everybody out. Several nodes share one key ring in Redis, so a
        // cookie one node issued opens every node (decision 0025).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("CxMonitor");
        if (Live.LiveRedis.ConnectionString(builder.Configuration) is { } redis)
        {
            var connection = new Lazy<StackExchange.Redis.ConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(Live.LiveRedis.Options(redis)));
            dataProtection.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), Live.LiveRedis.KeyRing);
        }
        else
        {
            builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
                .Configure<IOptions<AppStateOptions>>((o, state) =>
                    o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                        new DirectoryInfo(Path.Combine(state.Value.Directory, "data-protection-keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        }

        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<PeopleOptions>>((o, people) =>
            {
                o.GlobalLimiter = SignInRateLimits.Create(people.Value);
                // Policies with their own answer (ingest) keep it; this one speaks for the global limiter.
                o.OnRejected = SignInRateLimits.RejectAsync;
            });

        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfProtection.Header;
            o.Cookie.Name = "cx_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        authentication.AddCookie(AccessSchemes.Cookie, o =>
        {
            o.Cookie.Name = AccessSchemes.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.ReturnUrlParameter = "return";
            o.AccessDeniedPath = "/forbidden";
            o.Events = new PersonCookieEvents();
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(AccessSchemes.Cookie)
            .Configure<IOptions<PeopleOptions>>((o, people) => o.ExpireTimeSpan = people.Value.SessionIdle);
    }
}
