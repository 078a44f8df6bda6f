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
          cxmonitor --help                            show this text

        Settings as for the web host: appsettings.json, appsettings.{Environment}.json, environment
        variables (State__Directory=/srv/cxmonitor), or options after the command such as
        --State:Directory=/srv/cxmonitor or --environment=Demo.

        Exit codes: 0 done, 1 failed (e.g. unknown site or key), 2 usage error.

        """;
}
