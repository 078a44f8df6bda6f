// A real SignalR client for tests: connects to /hubs/live, subscribes, and prints every
// message as one JSON line on stdout ({"type": ..., "at": <ms>, "data": ...}).
// Usage: node live-client.mjs --url http://127.0.0.1:5080 (--key cxk_... | --cookie "cx_session=...") --scopes all,site:x [--alerts yes] [--seconds 60]
// --cookie connects as a signed-in person or a paired wall screen instead of with an API key.
import * as signalR from "@microsoft/signalr";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const scopes = (args.scopes ?? "all").split(",");
const print = (type, data) => process.stdout.write(JSON.stringify({ type, at: Date.now(), data }) + "\n");

const connection = new signalR.HubConnectionBuilder()
  // As the wall page (wwwroot/js/live.js): WebSockets without negotiation, so any node behind a
  // load balancer can take the connection.
  .withUrl(new URL("/hubs/live", args.url).toString(), {
    headers: args.cookie ? { Cookie: args.cookie } : { "X-Api-Key": args.key },
    transport: signalR.HttpTransportType.WebSockets,
    skipNegotiation: true,
  })
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 250 })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

connection.on("Snapshots", update => print("snapshots", update));
connection.on("Ratings", activity => print("ratings", activity));
connection.on("Reviews", activity => print("reviews", activity));
connection.on("Alert", update => print("alert", update));
connection.on("Heartbeat", beat => print("heartbeat", beat));
connection.onreconnecting(() => print("reconnecting", null));
connection.onreconnected(async () => {
  print("reconnected", null);
  print("welcome", await connection.invoke("Subscribe", scopes));
});
connection.onclose(error => { print("closed", error?.message ?? null); process.exit(0); });

const start = async () => {
  for (;;) {
    try {
      await connection.start();
      print("connected", null);
      print("welcome", await connection.invoke("Subscribe", scopes));
      if (args.alerts) print("alerts-open", await connection.invoke("SubscribeAlerts"));
      return;
    } catch (e) {
      print("error", String(e));
      await new Promise(r => setTimeout(r, 250));
    }
  }
};
await start();
process.stdin.on("end", () => connection.stop());
process.stdin.resume();
if (args.seconds) setTimeout(() => connection.stop(), Number(args.seconds) * 1000);
