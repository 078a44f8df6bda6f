namespace CxMonitor.Web.Cli;

internal static class CliUsage
{
    public const string Text = """
        Usage:
          cxmonitor                                   start the web host
          cxmonitor keys create --source NAME --sites SITE[,SITE...]|'*'
                                                      create an API key; prints it once
          cxmonitor keys list                         list API keys (never their secrets)
          cxmonitor keys revoke KEY_ID                revoke a key (a running app stops accepting it within 10 s)
          cxmonitor users create-admin [--name NAME]  create the first administrator (default name admin);
                                                      prints a one-time password; does nothing when an admin exists
          cxmonitor users create --name NAME --role ROLE[,ROLE...]
                                                      create a person (roles: Admin, Manager, Duty, Executive)
          cxmonitor users list                        list people (never their passwords)
          cxmonitor users reset-password NAME         new one-time password; unlocks the account
          cxmonitor users disable|enable NAME         end or restore someone's access
          cxmonitor alerts check [FOLDER]             validate alert rule files (default: alerts/ beside the binary);
                                                      prints every error with file, line and rule; exit 1 on any
          cxmonitor reviews import FILE --mapping NAME [--site SITE] [--platform NAME] [--encoding NAME] [--url APP_URL]
                                                      import a CSV/TSV review export through the running app
                                                      (mappings: reviews-csv, google-play-csv, Feeds:CsvMappings);
                                                      the API key comes from CXMONITOR_API_KEY
          cxmonitor rollups rebuild --from TIME --to TIME
                                                      rewrite the hourly and daily rollups of [from, to) from the raw
                                                      points, e.g. after data arrived while the app was down; TIME is
                                                      a date (00:00 UTC) or RFC 3339 (2026-11-01T06:00:00+01:00);
                                                      talks to InfluxDB directly; safe beside a running app
          cxmonitor terminals create --site SITE --touchpoint NAME [--name NAME]
                                                      a smiley terminal; prints its one-time pairing link (path)
          cxmonitor terminals revoke TERMINAL_ID      unpair a terminal (refused at once by this node, others within 10 s)
          cxmonitor surveys create --site SITE --touchpoint NAME [--scale nps11|csat5] [--channel NAME]
                                                      a public survey; prints its short link (path)
          cxmonitor --help                            show this text

        Settings as for the web host: appsettings.json, appsettings.{Environment}.json, environment
        variables (State__Directory=/srv/cxmonitor), or options after the command such as
        --State:Directory=/srv/cxmonitor or --environment=Demo.

        Exit codes: 0 done, 1 failed (e.g. unknown site or key), 2 usage error.

        """;
}
