using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Cli;

/// <summary>Runs the validators registered with ValidateOnStart ahead of the host, so that the
/// app and the CLI can refuse invalid settings with their message alone.</summary>
public static class StartupSettings
{
    /// <summary>Every failure of every invalid options class, or null when all are valid.</summary>
    public static string? Problems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join(" ", ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return string.Join(" ", ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
    }
}
