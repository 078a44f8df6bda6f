// Issue 4 benchmark (b): POST /api/v1/ratings at a steady rate while N SignalR clients listen;
// prints p50/p99 from the POST being sent to the rating arriving at each client.
// Usage: node bench-e2e.mjs --url URL --key KEY [--clients 100] [--rate 1000] [--seconds 30] [--post-url URL]
// --post-url: POST to another node than the clients listen on (several nodes, issue 17).
import * as signalR from "@microsoft/signalr";

const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => a.startsWith("--") ? [...p, [a.slice(2), all[i + 1]]] : p, []));
const url = args.url, key = args.key, postUrl = args["post-url"] ?? args.url;
const clients = Number(args.clients ?? 100), rate = Number(args.rate ?? 1000), seconds = Number(args.seconds ?? 30);
const latencies = [];
// The send time travels in the comment as letters: the live feed masks long digit runs (phone
// numbers), which turned "t=<ms>" into no sample at all.
const encode = t => String(t).replace(/\d/g, d => "abcdefghij"[d]);
const decode = s => Number(s.replace(/[a-j]/g, c => c.charCodeAt(0) - 97));
let messages = 0;

const connections = await Promise.all(Array.from({ length: clients }, async () => {
  const c = new signalR.HubConnectionBuilder()
    .withUrl(new URL("/hubs/live", url).toString(), { headers: { "X-Api-Key": key }, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(signalR.LogLevel.Error).build();
  c.on("Snapshots", () => {});
  c.on("Heartbeat", () => {});
  c.on("Ratings", a => {
    const now = Date.now();
    messages++;
    for (const r of a.latest) {
      const m = /^t=([a-j]+)/.exec(r.comment ?? "");
      if (m) latencies.push(now - decode(m[1]));
    }
  });
  await c.start();
  await c.invoke("Subscribe", ["all"]);
  return c;
}));
console.log(`${clients} clients connected; sending ${rate} ratings/s for ${seconds} s`);

const perTick = Math.max(1, Math.round(rate / 100));
let seq = 0, sent = 0;
const started = Date.now();
while (Date.now() - started < seconds * 1000) {
  const t = Date.now();
  const body = JSON.stringify(Array.from({ length: perTick }, () => ({ id: `e2e-${started}-${seq++}`, scale: "csat5", score: 1 + (seq % 5), site: "riga-old-town", comment: `t=${encode(t)}` })));
  fetch(new URL("/api/v1/ratings", postUrl), { method: "POST", headers: { "X-Api-Key": key, "Content-Type": "application/json" }, body })
    .then(r => { if (r.status !== 202) console.error("POST", r.status); });
  sent += perTick;
  const next = started + (sent / rate) * 1000;
  await new Promise(r => setTimeout(r, Math.max(0, next - Date.now())));
}
await new Promise(r => setTimeout(r, 2000));
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1)];
console.log(`sent ${sent} ratings; ${messages} activity messages received over ${clients} clients; ${latencies.length} rating samples`);
console.log(`POST to SignalR client: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)} ms (targets p50 < 150 ms, p99 < 500 ms)`);
await Promise.all(connections.map(c => c.stop()));
process.exit(0);
