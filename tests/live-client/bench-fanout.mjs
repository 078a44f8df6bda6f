// Issue 4 benchmark (c): N SignalR clients subscribed to every snapshot scope of the demo;
// counts the snapshot updates they receive. The C# harness measures the server meanwhile.
// Usage: node bench-fanout.mjs --url URL --key KEY [--clients 1000] [--seconds 60]
import * as signalR from "@microsoft/signalr";

const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => a.startsWith("--") ? [...p, [a.slice(2), all[i + 1]]] : p, []));
const clients = Number(args.clients ?? 1000), seconds = Number(args.seconds ?? 60);
const scopes = ["all", "site:london-oxford-st", "site:berlin-alexanderplatz", "site:kyiv-khreshchatyk", "site:warsaw-centrum", "site:riga-old-town", "site:new-york-5th-ave"];
let updates = 0, snapshots = 0;
const connections = [];
for (let i = 0; i < clients; i += 50) {
  connections.push(...await Promise.all(Array.from({ length: Math.min(50, clients - i) }, async () => {
    const c = new signalR.HubConnectionBuilder()
      .withUrl(new URL("/hubs/live", args.url).toString(), { headers: { "X-Api-Key": args.key }, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
      .configureLogging(signalR.LogLevel.Error).build();
    c.on("Snapshots", u => { updates++; snapshots += u.snapshots.length; });
    c.on("Heartbeat", () => {});
    c.on("Ratings", () => {});
    await c.start();
    await c.invoke("Subscribe", scopes);
    return c;
  })));
}
console.log(`CONNECTED ${connections.length}`);
const started = Date.now();
await new Promise(r => setTimeout(r, seconds * 1000));
console.log(`RECEIVED ${updates} snapshot updates (${snapshots} snapshots) over ${connections.length} clients in ${((Date.now() - started) / 1000).toFixed(0)} s`);
await Promise.all(connections.map(c => c.stop()));
process.exit(0);
