#!/usr/bin/env bash
# Starts the whole system with live demo data: a local influxd (when Influx__Url is not set),
# the CxMonitor web host, and the simulator. Ctrl+C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
data="$root/data"
mkdir -p "$data"
app_port=${CXMONITOR_PORT:-5080}
pids=()

stop_all() {
  trap - INT TERM EXIT
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_http() { # url seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1 after $2 s" >&2; return 1
}

if [ -z "${Influx__Url:-}" ]; then
  if ! command -v influxd >/dev/null 2>&1; then
    echo "influxd not found: installing Debian's influxdb package"
    if [ "$(id -u)" -ne 0 ]; then echo "run as root, or: sudo apt-get install -y influxdb" >&2; exit 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq influxdb >/dev/null
  fi
  influx_port=${CXMONITOR_INFLUX_PORT:-8086}
  until port_free "$influx_port" && port_free $((influx_port + 2)); do influx_port=$((influx_port + 10)); done
  mkdir -p "$data/influxdb"
  cat > "$data/influxdb/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((influx_port + 2))"
[meta]
  dir = "$data/influxdb/meta"
  logging-enabled = false
[data]
  dir = "$data/influxdb/data"
  wal-dir = "$data/influxdb/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
CONF
  influxd -config "$data/influxdb/influxdb.conf" >"$data/influxdb/influxd.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$influx_port/ping" 30
  export Influx__Url="http://127.0.0.1:$influx_port/"
  echo "InfluxDB   $Influx__Url  (data in $data/influxdb, log influxd.log)"
fi

echo "building CxMonitor…"
dotnet build CxMonitor.sln -c Release -nologo -v quiet -clp:ErrorsOnly
app_dll="$root/src/CxMonitor.Web/bin/Release/net10.0/cxmonitor.dll"
export State__Directory="${State__Directory:-$data/app}"
mkdir -p "$State__Directory"

# Demo mode: the demo site catalog (appsettings.Demo.json) and demo users.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
# Rules from the repository's alerts/ folder, so edits there apply to the running demo.
export Alerts__Directory="${Alerts__Directory:-$root/alerts}"
# A push feed writes one site (a platform pushes one business's reviews to it).
demo_feed_site=london-oxford-st
# The demo's Trustpilot reviews arrive as a platform would send them: pushed to a signed webhook
# feed (see README, Review feeds). Its secret is made once and kept in data/.
if [ ! -s "$data/demo-feed.secret" ]; then
  (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$data/demo-feed.secret")
fi
export Feeds__Sources__trustpilot__Kind=webhook Feeds__Sources__trustpilot__Platform=trustpilot \
  Feeds__Sources__trustpilot__Site="$demo_feed_site" Feeds__Sources__trustpilot__Secret="$(cat "$data/demo-feed.secret")"
ASPNETCORE_URLS="http://127.0.0.1:$app_port" dotnet "$app_dll" >"$data/app.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$app_port/health/live" 60
echo "CxMonitor  http://127.0.0.1:$app_port/  (log $data/app.log; readiness /health/ready)"

# A fresh API key for the simulator each run; the previous run's key is revoked.
if [ -s "$data/simulator.keyid" ]; then
  dotnet "$app_dll" keys revoke "$(cat "$data/simulator.keyid")" >/dev/null 2>&1 || true
fi
sim_key=$(dotnet "$app_dll" keys create --source simulator --sites '*' | head -n 1)
case "$sim_key" in cxk_*) ;; *) echo "could not create an API key for the simulator: $sim_key" >&2; exit 1;; esac
key_id=${sim_key#cxk_}; echo "${key_id%%_*}" > "$data/simulator.keyid"

# The first administrator: printed once with a one-time password (changed at first sign-in).
# Later runs find an admin and print nothing; 'users reset-password admin' gives a new one.
admin_password=$(dotnet "$app_dll" users create-admin 2>/dev/null | head -n 1)
if [ -n "$admin_password" ]; then
  echo "Admin      user 'admin', one-time password: $admin_password  (shown once: change it at first sign-in)"
fi
echo "Demo users manager / tulip-window-harbour, duty / pepper-lantern-meadow, executive / violet-compass-river"

# Ratings from the floor: a smiley terminal (its pairing link works once, so each run makes a new
# one and unpairs the previous run's) and a survey link (made once, kept in data/).
if [ -s "$data/demo-terminal.id" ]; then
  dotnet "$app_dll" terminals revoke "$(cat "$data/demo-terminal.id")" >/dev/null 2>&1 || true
fi
terminal_out=$(dotnet "$app_dll" terminals create --site london-oxford-st --touchpoint checkout --name "Demo till")
terminal_link=$(echo "$terminal_out" | head -n 1)
echo "$terminal_out" | sed -n 2p | awk '{print $2}' | tr -d ':' > "$data/demo-terminal.id"
if [ ! -s "$data/demo-survey.path" ]; then
  dotnet "$app_dll" surveys create --site london-oxford-st --touchpoint visit | head -n 1 > "$data/demo-survey.path"
fi
echo "Terminal   http://127.0.0.1:$app_port$terminal_link  (open once on a tablet; tap and watch /wall/main)"
echo "Survey     http://127.0.0.1:$app_port$(cat "$data/demo-survey.path")  (its QR code and A4 poster: the admin page)"

sim_dll="$root/src/CxMonitor.Simulator/bin/Release/net10.0/cxmonitor-simulator.dll"
sim_args=(--url "http://127.0.0.1:$app_port" --rate "${CXMONITOR_DEMO_RATE:-5}")
if [ ! -f "$data/.backfilled" ]; then
  # First run: 30 days of history so trends and baselines have something to show.
  sim_args+=(--backfill "${CXMONITOR_DEMO_DAYS:-30}" --then-live)
  touch "$data/.backfilled"
fi
CXMONITOR_API_KEY="$sim_key" CXMONITOR_FEED_SECRET="$Feeds__Sources__trustpilot__Secret" \
  dotnet "$sim_dll" "${sim_args[@]}" --push-feed trustpilot --push-site "$demo_feed_site" >"$data/simulator.log" 2>&1 &
pids+=($!)
echo "Simulator  live demo data at ${CXMONITOR_DEMO_RATE:-5} ratings/s (log $data/simulator.log)"

echo "running; Ctrl+C stops everything."
wait -n "${pids[@]}" || true
echo "a process exited; stopping the rest" >&2
