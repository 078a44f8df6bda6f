#!/usr/bin/env bash
# Runs every test: unit, integration (a throwaway influxd per run) and browser tests (Debian
# Chromium). Prints one closing line "N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need from Debian: influxd, Chromium, Node with npm, PostgreSQL (the jobs tests
# start their own postgres), and redis-server and nginx (several-node tests). As root, whatever is
# missing is installed, as ./run.sh does for influxd; otherwise the run stops naming it.
need=()
command -v influxd >/dev/null 2>&1 || [ -n "${INFLUXD:-}" ] || need+=(influxdb)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || [ -n "${POSTGRES_BIN:-}${PG_BIN:-}" ] || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need[*]}" >&2
    echo "Run ./test.sh as root once to install them, or: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
  # The packages may start system services (influxdb, postgresql, redis, nginx); the tests start
  # their own servers on free ports and never use those.
fi

# The Node SignalR client the live tests drive: it is the browser's own client library
# (@microsoft/signalr), so it tests what a browser does. The .NET client
# (Microsoft.AspNetCore.SignalR.Client 10.0.11) restores too, for tests where it is simpler.
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
# Quiet, but each failure's message and stack are kept (TRX) and printed at the end: a CI run
# that fails says why, not only which test.
dotnet test CxMonitor.sln -c Release --no-build -nologo -v quiet -m:1 --logger "trx;LogFilePrefix=run" --results-directory "$results/trx" "$@" 2>&1 | tee "$results/out.txt"
status=${PIPESTATUS[0]}

# The app-state tests once more with the state on PostgreSQL (a throwaway cluster from the Debian
# package, decision 0025): the same tests must pass on both engines.
CXMONITOR_TEST_STATE=PostgreSql dotnet test tests/CxMonitor.Web.Tests/CxMonitor.Web.Tests.csproj -c Release --no-build -nologo -v quiet \
  --logger "trx;LogFilePrefix=postgresql" --results-directory "$results/trx" \
  --filter "FullyQualifiedName~People.|FullyQualifiedName~ApiKeyStore|FullyQualifiedName~Keys|FullyQualifiedName~Sites|FullyQualifiedName~DisplayTokens|FullyQualifiedName~Alerts.|FullyQualifiedName~Feeds.FeedPush|FullyQualifiedName~ReviewIngestion|FullyQualifiedName~RollupBacklog|FullyQualifiedName~EndpointAuthorization|FullyQualifiedName~Revocation|FullyQualifiedName~AppStateMigrationsRun|FullyQualifiedName~Capture.CaptureStoresOnBothEngines" \
  2>&1 | tee -a "$results/out.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Sum the per-assembly summaries of dotnet test into one closing line.
read -r passed failed skipped < <(
  grep -hoE '(Passed|Failed)!  - Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results/out.txt" |
    awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
# Why each failed test failed, from the TRX files (messages and stacks, without the captured output).
for trx in "$results"/trx/*.trx; do
  [ -e "$trx" ] || continue
  awk '/<UnitTestResult / && /outcome="Failed"/ { failed = 1; match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11) }
       failed && /<ErrorInfo>/ { shown = 1 }
       failed && shown { print }
       /<\/ErrorInfo>/ { shown = 0 }
       /<\/UnitTestResult>/ { failed = 0; shown = 0 }' "$trx" |
    sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' | head -c 20000
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
