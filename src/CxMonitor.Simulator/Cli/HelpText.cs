namespace CxMonitor.Simulator.Cli;

internal static class HelpText
{
    public const string Usage = """
        cxmonitor-simulator: live demo and load generator for CxMonitor's ingest API.

        Posts realistic ratings (smiley terminals, surveys, app) and public reviews for the
        demo sites, following their opening hours and daily and weekly rhythm.

        Usage:
          cxmonitor-simulator [options]                    live traffic until Ctrl+C
          cxmonitor-simulator --backfill DAYS [options]    history of the past DAYS days, then exit

        Connection:
          --url URL              CxMonitor base address (default http://127.0.0.1:5080)
          --api-key KEY          ingest API key (default: the CXMONITOR_API_KEY environment variable)
          --push-feed NAME       live reviews of platform NAME go to the signed push feed NAME
                                 (secret in CXMONITOR_FEED_SECRET) instead of the reviews API
          --push-site SITE       only that site's reviews go to the push feed (a feed writes its own site)
          --dry-run              generate and serialise but send nothing (no key needed)

        Data:
          --sites N              simulate the first N demo sites (1-6, default all)
          --seed N               same seed, same data and the same ids: a re-run is counted as
                                 duplicates, never twice (default: random, printed at start)
          --batch N              items per request, at most 10,000 (default: live sends every
                                 second what has accumulated; with --batch it waits for N items;
                                 backfill sends 5,000)

        Live mode:
          --rate R               ratings per second averaged over a week (default 5); the actual
                                 rate follows opening hours, so it is lower at night
          --duration D           stop after D, e.g. 30s, 10m, 2h, 1d (default: until Ctrl+C)
          --incidents            play the scripted incidents (the default):
                                   1 satisfaction drop at berlin-alexanderplatz for 20 min
                                   2 terminal silence at warsaw-centrum for 30 min
                                   3 six one-star reviews at london-oxford-st within 10 min
                                 incidents 1 and 2 wait until their site is open
          --no-incidents         ordinary traffic only
          --ground-truth FILE    write the planned incidents (kind, site, start, end) as JSON
          --incident-offset M    minutes after the start when incident 1 begins (default 5);
                                 incident 2 follows 10 min later, incident 3 after 20 min

        Backfill mode:
          --backfill DAYS        send DAYS days of history as fast as the server accepts
          --per-day N            ratings per day across all sites (default 20,000)
          --parallel N           concurrent requests (default 2)
          --until TIME           end of the history, RFC 3339 (default now); fix it together with
                                 --seed to make a backfill repeatable
          --then-live            continue with live traffic afterwards

        Exit codes: 0 done, or live mode stopped with Ctrl+C; 1 runtime failure (a refused API
        key, items that never reached the server, a backfill cut short); 2 bad arguments.
        """;
}
