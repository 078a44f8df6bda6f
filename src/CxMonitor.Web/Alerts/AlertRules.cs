using CxMonitor.Web.Alerts.Rules;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Alerts;

/// <summary>The active rule set and the outcome of the last load. A reload validates every file
/// first and swaps the rules only if all are valid; otherwise the old rules stay active and
/// the errors are shown (API, log) until the files are fixed.</summary>
public sealed class AlertRules(IOptions<AlertsOptions> options, TimeProvider clock, ILogger<AlertRules> logger) : IDisposable
{
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public string Directory { get; } = string.IsNullOrEmpty(options.Value.Directory)
        ? Path.Combine(AppContext.BaseDirectory, "alerts") : Path.GetFullPath(options.Value.Directory);

    public RuleSet Active { get; private set; } = new([], [], []);

    /// <summary>Errors of the last attempt (empty when it loaded).</summary>
    public IReadOnlyList<RuleFileError> Errors { get; private set; } = [];

    public DateTimeOffset? LoadedAt { get; private set; }

    public DateTimeOffset? AttemptedAt { get; private set; }

    /// <summary>Raised with the new rules after a successful load.</summary>
    public event Action<RuleSet>? Changed;

    public bool Reload()
    {
        var set = RuleSet.Load(Directory);
        AttemptedAt = clock.GetUtcNow();
        Errors = set.Errors;
        if (set.Errors.Count > 0)
        {
            foreach (var error in set.Errors)
                logger.LogError("Alert rules not reloaded, the previous rules stay active: {Error}", error.ToString());
            return false;
        }
        Active = set;
        LoadedAt = AttemptedAt;
        logger.LogInformation("Loaded {Rules} alert rules from {Files} files in {Directory}", set.Rules.Count, set.Files.Count, Directory);
        Changed?.Invoke(set);
        return true;
    }

    /// <summary>Reloads half a second after the last change, so an editor's several writes make one reload.</summary>
    public void Watch()
    {
        if (!System.IO.Directory.Exists(Directory))
            return;
        _debounce = new Timer(_ => Reload());
        _watcher = new FileSystemWatcher(Directory) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
