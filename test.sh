#!/usr/bin/env bash
# Runs every test: unit, integration (a throwaway influxd per run) and browser tests (Debian
# Chromium). Prints one closing line "N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

missing=()
command -v influxd >/dev/null 2>&1 || [ -n "${INFLUXD:-}" ] || missing+=("influxd (apt-get install -y influxdb)")
[ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium (apt-get install -y chromium)")
command -v node >/dev/null 2>&1 || missing+=("node (apt-get install -y nodejs npm)")
[ -x /usr/lib/postgresql/15/bin/postgres ] || [ -n "${PG_BIN:-}" ] || missing+=("PostgreSQL 15 (apt-get install -y postgresql)")
[ -x /usr/bin/redis-server ] || missing+=("redis-server (apt-get install -y redis-server)")
[ -x /usr/sbin/nginx ] || missing+=("nginx (apt-get install -y nginx)")
if ((${#missing[@]})); then
  printf 'missing: %s\n' "${missing[@]}" >&2
  echo "Run 'bash .ci/run' (as root) to install them, or install them yourself." >&2
  exit 1
fi

# The real SignalR client the live tests drive (the .NET client cannot be restored here).
if [ ! -d tests/live-client/node_modules/@microsoft/signalr ]; then
  command -v npm >/dev/null 2>&1 || { echo "missing: npm (apt-get install -y npm)" >&2; exit 1; }
  (cd tests/live-client && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build CxMonitor.sln -c Release -nologo -v quiet -clp:ErrorsOnly || exit 1
# One test assembly at a time: the browser and alert timing tests do not compete with the
# integration suite for the 2 cores.
dotnet test CxMonitor.sln -c Release --no-build -nologo -v quiet -m:1 "$@" 2>&1 | tee "$results/out.txt"
status=${PIPESTATUS[0]}

# The app-state tests once more with the state on PostgreSQL (a throwaway cluster from the Debian
# package, decision 0025): the same tests must pass on both engines.
CXMONITOR_TEST_STATE=PostgreSql dotnet test tests/CxMonitor.Web.Tests/CxMonitor.Web.Tests.csproj -c Release --no-build -nologo -v quiet \
  --filter "FullyQualifiedName~People.|FullyQualifiedName~ApiKeyStore|FullyQualifiedName~Keys|FullyQualifiedName~Sites|FullyQualifiedName~DisplayTokens|FullyQualifiedName~Alerts.|FullyQualifiedName~Feeds.FeedPush|FullyQualifiedName~ReviewIngestion|FullyQualifiedName~RollupBacklog|FullyQualifiedName~EndpointAuthorization|FullyQualifiedName~Revocation|FullyQualifiedName~AppStateMigrationsRun|FullyQualifiedName~Capture.CaptureStoresOnBothEngines" \
  2>&1 | tee -a "$results/out.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Sum the per-assembly summaries of dotnet test into one closing line.
read -r passed failed skipped < <(
  grep -hoE '(Passed|Failed)!  - Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results/out.txt" |
    awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
