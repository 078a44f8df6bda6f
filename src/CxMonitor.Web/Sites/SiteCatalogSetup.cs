using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Sites;

public static class SiteCatalogSetup
{
    /// <summary>The site catalog, seeded from the <c>Sites</c> section. Needs <c>AddAppState</c>.</summary>
    public static IHostApplicationBuilder AddSites(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SiteSeedOptions>()
            // An array section has no properties to bind onto, hence Bind into the list rather than BindConfiguration.
            .Configure<IConfiguration>((o, config) => config.GetSection(SiteSeedOptions.Section).Bind(o.Sites))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiteSeedOptions>, SiteSeedValidation>();
        builder.Services.AddSingleton<SiteCatalog>();
        builder.Services.AddSingleton<SiteSeeding>();
        builder.Services.AddHostedService<SiteCatalogStartup>();
        return builder;
    }
}
